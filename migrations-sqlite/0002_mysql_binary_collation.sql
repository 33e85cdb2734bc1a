-- nothing to do: string comparison is already exact on this dialect
SELECT 1;
