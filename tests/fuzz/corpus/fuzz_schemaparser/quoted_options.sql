CREATE TABLE `t` (
  `a` int(11) DEFAULT NULL
) ENGINE=InnoDB `` =1 `my option`='x' `ENCRYPTED`='NO'