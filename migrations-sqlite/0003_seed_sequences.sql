INSERT INTO "billing_sequences" ("name", "value") VALUES ('invoice:live', 0), ('invoice:test', 0);
