SELECT 'qzpay-drizzle data step: refold_case';
