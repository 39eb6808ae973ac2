SELECT 1; SELECT 'a;b' AS `c;d`; -- c;
# x;
SELECT "q\"";
