CREATE TABLE `t``q` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT 'it''s' COMMENT 'a \\ comment',
  `price` decimal(10,2) NOT NULL DEFAULT 0.00,
  `kind` enum('a','b''c') NOT NULL,
  `total` int(11) GENERATED ALWAYS AS (`id` * 2) VIRTUAL,
  `made` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk` (`name`(10),`kind`),
  KEY `k2` (`price` DESC) COMMENT 'idx',
  FULLTEXT KEY `ft` (`name`),
  CONSTRAINT `fk` FOREIGN KEY (`id`) REFERENCES `other`.`o` (`id`) ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT `ck` CHECK (`price` >= 0)
) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC COMMENT='x'
 PARTITION BY RANGE (`id`)
(PARTITION `p0` VALUES LESS THAN (100) ENGINE = InnoDB,
 PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)