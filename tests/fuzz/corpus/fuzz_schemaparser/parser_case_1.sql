CREATE TABLE `p` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(50) CHARACTER SET latin1 COLLATE latin1_swedish_ci NOT NULL DEFAULT 'a''b' COMMENT 'the name',
  `created` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `j` longtext DEFAULT NULL CHECK (json_valid(`j`)),
  `d` decimal(10,2) unsigned zerofill DEFAULT NULL,
  `g` int(11) GENERATED ALWAYS AS (`q` * 2) VIRTUAL,
  `s` int(11) GENERATED ALWAYS AS (`q` + 1) STORED,
  `h` int(11) INVISIBLE DEFAULT 3,
  `e` enum('a','b''c') DEFAULT 'a',
  `b` bit(3) DEFAULT b'101',
  `x` int(11) DEFAULT (1 + 1),
  `u` varchar(36) DEFAULT uuid(),
  `n` double DEFAULT -1.5,
  `pt` point NOT NULL,
  `t` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk` (`name`(10),`d` DESC) COMMENT 'ix c',
  KEY `k2` (`created`) USING BTREE,
  KEY `ki` (`x`) IGNORED,
  SPATIAL KEY `sp` (`pt`),
  FULLTEXT KEY `ft` (`t`),
  CONSTRAINT `fk1` FOREIGN KEY (`x`) REFERENCES `other` (`id`) ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT `chk` CHECK (`d` > 0)
) ENGINE=InnoDB AUTO_INCREMENT=17 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 COMMENT='tab''le'
 PARTITION BY HASH (`id`)
PARTITIONS 4