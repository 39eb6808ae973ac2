SELECT 'unterminated;
SELECT `x
/* open comment; SELECT 3;