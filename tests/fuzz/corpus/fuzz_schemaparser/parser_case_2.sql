CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `doc` json DEFAULT NULL,
  `uuid` varchar(36) COLLATE utf8mb4_bin NOT NULL DEFAULT (uuid()),
  `hidden` int DEFAULT NULL /*!80023 INVISIBLE */,
  `placed` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `geo` point NOT NULL /*!80003 SRID 4326 */,
  `bin` varbinary(4) DEFAULT _binary 'ab',
  PRIMARY KEY (`id`),
  KEY `k_fn` ((lower(`uuid`))),
  KEY `k_hidden` (`hidden`) /*!80000 INVISIBLE */,
  CONSTRAINT `c_doc` CHECK (json_valid(`doc`)) /*!80016 NOT ENFORCED */
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci
/*!50100 PARTITION BY RANGE (`id`)
(PARTITION p0 VALUES LESS THAN (100) ENGINE = InnoDB,
 PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */