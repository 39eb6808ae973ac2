/*!40101 SET NAMES utf8mb4 */;
/*vt+ QUERY_TIMEOUT_MS=10 */ SELECT /* inner; */ 1;
SELECT 'it''s', 'back\'; SELECT 2