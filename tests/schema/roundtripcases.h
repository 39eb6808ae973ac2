#pragma once

#include <QList>

// Pairs of schemas (A, B) for the server round trip. loss: 1 the diff A→B must be flagged as able to
// lose data, 0 it must not, -1 either.
struct RoundTripCase
{
    const char *name;
    const char *a;
    const char *b;
    int loss;
};

inline QList<RoundTripCase> roundTripCases()
{
    return {
        { "identity", R"sql(CREATE TABLE t (id int PRIMARY KEY, a varchar(10));)sql",
            R"sql(CREATE TABLE t (id int PRIMARY KEY, a varchar(10));)sql", 0 },
        { "create table", "",
            R"sql(CREATE TABLE t (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, a varchar(10) NOT NULL DEFAULT '') AUTO_INCREMENT=42;)sql",
            0 },
        { "drop table", R"sql(CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE u (id int);)sql",
            R"sql(CREATE TABLE u (id int);)sql", 1 },
        { "add column at end", R"sql(CREATE TABLE t (id int PRIMARY KEY, a int);)sql",
            R"sql(CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(20) NOT NULL DEFAULT 'x');)sql", 0 },
        { "add column first and middle", R"sql(CREATE TABLE t (id int, a int, c int);)sql",
            R"sql(CREATE TABLE t (z bigint, id int, a int, b text, c int);)sql", 0 },
        { "drop column", R"sql(CREATE TABLE t (id int, a int, b int);)sql", R"sql(CREATE TABLE t (id int, b int);)sql",
            1 },
        { "reorder columns", R"sql(CREATE TABLE t (a int, b int, c int, d int, e int);)sql",
            R"sql(CREATE TABLE t (e int, b int, a int, d int, c int);)sql", 0 },
        { "reorder and change", R"sql(CREATE TABLE t (a int, b int, c int, d int);)sql",
            R"sql(CREATE TABLE t (d bigint, x int, a int, c int NOT NULL, b int);)sql", 0 },
        { "widen integer", R"sql(CREATE TABLE t (a tinyint, b int unsigned, c decimal(5,2));)sql",
            R"sql(CREATE TABLE t (a int, b bigint unsigned, c decimal(10,2));)sql", 0 },
        { "narrow integer", R"sql(CREATE TABLE t (a bigint);)sql", R"sql(CREATE TABLE t (a int);)sql", 1 },
        { "shorten varchar", R"sql(CREATE TABLE t (a varchar(100));)sql", R"sql(CREATE TABLE t (a varchar(20));)sql",
            1 },
        { "signedness", R"sql(CREATE TABLE t (a int);)sql", R"sql(CREATE TABLE t (a int unsigned zerofill);)sql", 1 },
        { "nullability and defaults",
            R"sql(CREATE TABLE t (a int NOT NULL, b varchar(5) DEFAULT 'x', c datetime, d timestamp NULL DEFAULT NULL, e double);)sql",
            R"sql(CREATE TABLE t (a int NULL DEFAULT 7, b varchar(5) DEFAULT 'it''s', c datetime(3) DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3), d timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(), e double DEFAULT (rand() * 2));)sql",
            0 },
        { "expression defaults", R"sql(CREATE TABLE t (a int, b varchar(36), c bit(3), d binary(2));)sql",
            R"sql(CREATE TABLE t (a int DEFAULT (1 + 1), b varchar(36) DEFAULT uuid(), c bit(3) DEFAULT b'101', d binary(2) DEFAULT 0x4142);)sql",
            0 },
        { "charset and collation", R"sql(CREATE TABLE t (a varchar(10), b text, c char(3) CHARACTER SET latin1);)sql",
            R"sql(CREATE TABLE t (a varchar(10) COLLATE utf8mb4_bin, b text CHARACTER SET latin1 COLLATE latin1_general_ci, c char(3) CHARACTER SET utf8mb4);)sql",
            1 },
        { "table charset", R"sql(CREATE TABLE t (a varchar(10), b text) DEFAULT CHARSET=latin1;)sql",
            R"sql(CREATE TABLE t (a varchar(10), b text) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;)sql", 0 },
        { "table charset keeps columns", R"sql(CREATE TABLE t (a varchar(10), b int) DEFAULT CHARSET=utf8mb4;)sql",
            R"sql(CREATE TABLE t (a varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci, b int) DEFAULT CHARSET=latin1;)sql",
            0 },
        { "column comments", R"sql(CREATE TABLE t (a int COMMENT 'old', b int);)sql",
            R"sql(CREATE TABLE t (a int COMMENT 'new ''quoted''', b int COMMENT 'línea\nsiguiente');)sql", 0 },
        { "generated columns",
            R"sql(CREATE TABLE t (a int, b int AS (a * 2) VIRTUAL, c int AS (a + 1) STORED, d int);)sql",
            R"sql(CREATE TABLE t (a int, b int AS (a * 3) STORED, c int AS (a + 1) VIRTUAL, d int AS (a - 1) VIRTUAL, e varchar(20) AS (concat(a, 'x')) VIRTUAL);)sql",
            1 },
        { "invisible columns", R"sql(CREATE TABLE t (a int, b int, c int INVISIBLE);)sql",
            R"sql(CREATE TABLE t (a int, b int INVISIBLE DEFAULT 3, c int);)sql", 0 },
        { "auto increment", R"sql(CREATE TABLE t (id int NOT NULL, a int, PRIMARY KEY (id));)sql",
            R"sql(CREATE TABLE t (id bigint NOT NULL AUTO_INCREMENT, a int, PRIMARY KEY (id)) AUTO_INCREMENT=100;)sql",
            0 },
        { "enum and set", R"sql(CREATE TABLE t (a enum('x','y'), b set('p','q','r') DEFAULT 'p');)sql",
            R"sql(CREATE TABLE t (a enum('x','y','z') NOT NULL DEFAULT 'z', b set('p','q') DEFAULT 'p,q');)sql", 1 },
        { "temporal precision", R"sql(CREATE TABLE t (a datetime(6), b time, c year);)sql",
            R"sql(CREATE TABLE t (a datetime(3), b time(2), c year);)sql", 1 },
        { "json", R"sql(CREATE TABLE t (id int, doc text);)sql",
            R"sql(CREATE TABLE t (id int, doc json, extra json NOT NULL DEFAULT '{}');)sql", 0 },
        { "indexes",
            R"sql(CREATE TABLE t (id int NOT NULL, a varchar(50), b int, c text, p point NOT NULL, KEY ka (a), KEY kb (b), UNIQUE KEY ub (b, a));)sql",
            R"sql(CREATE TABLE t (id int NOT NULL, a varchar(50), b int, c text, p point NOT NULL, PRIMARY KEY (id), KEY ka (a(10), b DESC) COMMENT 'prefix', UNIQUE KEY ua (a), FULLTEXT KEY fc (c), SPATIAL KEY sp (p), KEY kh (b) USING HASH);)sql",
            0 },
        { "index order", R"sql(CREATE TABLE t (a int, b int, c int, d int, KEY k1 (a), KEY k2 (b), KEY k3 (c));)sql",
            R"sql(CREATE TABLE t (a int, b int, c int, d int, KEY k1 (a), KEY k0 (d), KEY k3 (c), KEY k2 (b));)sql",
            0 },
        { "unique ordering",
            R"sql(CREATE TABLE t (a int NOT NULL, b int, c varchar(20) NOT NULL, KEY kb (b), UNIQUE KEY ub (b));)sql",
            R"sql(CREATE TABLE t (a int NOT NULL, b int, c varchar(20) NOT NULL, KEY kb (b), UNIQUE KEY ub (b), UNIQUE KEY ua (a), UNIQUE KEY uc (c(5)), PRIMARY KEY (c));)sql",
            0 },
        { "rename index",
            R"sql(CREATE TABLE t (a int, b int, KEY old_name (a), KEY kb (b), UNIQUE KEY u_old (b, a));)sql",
            R"sql(CREATE TABLE t (a int, b int, KEY new_name (a), KEY kb (b), UNIQUE KEY u_new (b, a));)sql", 0 },
        { "rename and reorder index", R"sql(CREATE TABLE t (a int, b int, KEY ka (a), KEY kb (b));)sql",
            R"sql(CREATE TABLE t (a int, b int, KEY kb2 (b), KEY ka (a));)sql", 0 },
        { "ignored index", R"sql(CREATE TABLE t (a int, b int, KEY ka (a), KEY kb (b));)sql",
            R"sql(CREATE TABLE t (a int, b int, KEY ka (a) IGNORED, KEY kb (b));)sql", 0 },
        { "primary key change", R"sql(CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a));)sql",
            R"sql(CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (b, a));)sql", 0 },
        { "rename column", R"sql(CREATE TABLE t (id int, old_name varchar(10));)sql",
            R"sql(CREATE TABLE t (id int, new_name varchar(10));)sql", 1 },
        { "foreign keys", R"sql(
CREATE TABLE p (id int PRIMARY KEY, code varchar(10) NOT NULL, UNIQUE KEY (code));
CREATE TABLE c (id int PRIMARY KEY, pid int, pcode varchar(10), CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES p (id));)sql",
            R"sql(
CREATE TABLE p (id int PRIMARY KEY, code varchar(10) NOT NULL, UNIQUE KEY (code));
CREATE TABLE c (id int PRIMARY KEY, pid int, pcode varchar(10),
  CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT fk_code FOREIGN KEY (pcode) REFERENCES p (code) ON UPDATE CASCADE);)sql",
            0 },
        { "foreign key to new table", R"sql(CREATE TABLE c (id int PRIMARY KEY, gid int);)sql",
            R"sql(CREATE TABLE g (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, gid int, CONSTRAINT fk_g FOREIGN KEY (gid) REFERENCES g (id) ON DELETE SET NULL);)sql",
            0 },
        { "new tables in a cycle", "",
            R"sql(CREATE TABLE a (id int PRIMARY KEY, bid int, KEY (bid));
CREATE TABLE b (id int PRIMARY KEY, aid int, KEY (aid), CONSTRAINT fk_ba FOREIGN KEY (aid) REFERENCES a (id));
ALTER TABLE a ADD CONSTRAINT fk_ab FOREIGN KEY (bid) REFERENCES b (id);
CREATE TABLE s (id int PRIMARY KEY, parent int, CONSTRAINT fk_self FOREIGN KEY (parent) REFERENCES s (id));)sql",
            0 },
        { "drop referenced tables", R"sql(CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, pid int, CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id));
CREATE TABLE k (id int PRIMARY KEY, cid int, CONSTRAINT fk_k FOREIGN KEY (cid) REFERENCES c (id));)sql",
            R"sql(CREATE TABLE k (id int PRIMARY KEY, cid int, KEY fk_k (cid));)sql", 1 },
        { "foreign key column change", R"sql(CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, pid int, CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id));)sql",
            R"sql(CREATE TABLE p (id bigint PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, pid bigint, CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id));)sql",
            0 },
        { "check constraints",
            R"sql(CREATE TABLE t (a int, b int, CONSTRAINT c1 CHECK (a > 0), CONSTRAINT c2 CHECK (b > 0));)sql",
            R"sql(CREATE TABLE t (a int CHECK (a < 1000), b int, CONSTRAINT c0 CHECK (a <> b), CONSTRAINT c2 CHECK (b >= 0), CONSTRAINT c3 CHECK (a + b < 10));)sql",
            0 },
        { "check on dropped column", R"sql(CREATE TABLE t (a int, b int, CONSTRAINT cb CHECK (b > 0));)sql",
            R"sql(CREATE TABLE t (a int);)sql", 1 },
        { "table options", R"sql(CREATE TABLE t (a int) ENGINE=InnoDB COMMENT='old';)sql",
            R"sql(CREATE TABLE t (a int) ENGINE=InnoDB ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 STATS_PERSISTENT=1 COMMENT='new ''one''';)sql",
            0 },
        { "engine", R"sql(CREATE TABLE t (a int, KEY (a)) ENGINE=InnoDB;)sql",
            R"sql(CREATE TABLE t (a int, KEY (a)) ENGINE=MyISAM;)sql", 0 },
        { "row format", R"sql(CREATE TABLE t (a int) ROW_FORMAT=REDUNDANT;)sql",
            R"sql(CREATE TABLE t (a int) ROW_FORMAT=DYNAMIC;)sql", 0 },
        { "add partitioning", R"sql(CREATE TABLE t (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id));)sql",
            R"sql(CREATE TABLE t (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y))
PARTITION BY RANGE (y) (PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN (3000), PARTITION pmax VALUES LESS THAN MAXVALUE);)sql",
            0 },
        { "change partitioning",
            R"sql(CREATE TABLE t (id int NOT NULL, PRIMARY KEY (id)) PARTITION BY HASH (id) PARTITIONS 4;)sql",
            R"sql(CREATE TABLE t (id int NOT NULL, k varchar(5) NOT NULL, PRIMARY KEY (id, k)) PARTITION BY KEY (id, k) PARTITIONS 6;)sql",
            0 },
        { "list partitioning",
            R"sql(CREATE TABLE t (id int NOT NULL, r int NOT NULL) PARTITION BY LIST (r) (PARTITION a VALUES IN (1,2), PARTITION b VALUES IN (3));)sql",
            R"sql(CREATE TABLE t (id int NOT NULL, r int NOT NULL) PARTITION BY LIST (r) (PARTITION a VALUES IN (1,2), PARTITION b VALUES IN (3), PARTITION c VALUES IN (4,5) COMMENT 'new');)sql",
            0 },
        { "views", R"sql(CREATE TABLE t (id int, a int, b int);
CREATE VIEW v_old AS SELECT id FROM t;
CREATE VIEW v AS SELECT id, a FROM t WHERE a > 0;)sql",
            R"sql(CREATE TABLE t (id int, a int, b int, c int);
CREATE VIEW v AS SELECT id, a, c FROM t WHERE a > 1 WITH CHECK OPTION;
CREATE VIEW w AS SELECT id, c FROM v;
CREATE SQL SECURITY INVOKER VIEW x (k, l) AS SELECT a, b FROM t;
CREATE ALGORITHM=MERGE VIEW y AS SELECT * FROM w WHERE id < 10 WITH LOCAL CHECK OPTION;)sql",
            0 },
        { "view replaced by table", R"sql(CREATE TABLE t (id int); CREATE VIEW v AS SELECT id FROM t;)sql",
            R"sql(CREATE TABLE t (id int); CREATE TABLE v (id int, x int);)sql", -1 },
        { "quoted names",
            R"sql(CREATE TABLE `odd ``name``` (`select` int, `a,b` int, `ü` varchar(3), KEY `key` (`select`));)sql",
            R"sql(CREATE TABLE `odd ``name``` (`a,b` bigint, `select` int, `ü` varchar(3), `new``col` int, KEY `key` (`a,b`));)sql",
            0 },
        { "index reorder under a foreign key", R"sql(CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (a int, b int, KEY ka (a), CONSTRAINT fk_a FOREIGN KEY (a) REFERENCES p (id));)sql",
            R"sql(CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (a int, b int, KEY k0 (b), KEY ka (a), CONSTRAINT fk_a FOREIGN KEY (a) REFERENCES p (id));)sql",
            0 },
        { "multi-column foreign key", R"sql(CREATE TABLE p (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));
CREATE TABLE c (id int PRIMARY KEY, pa int, pb int);)sql",
            R"sql(CREATE TABLE p (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));
CREATE TABLE c (id int PRIMARY KEY, pa int, pb int, KEY k_ab (pa, pb), CONSTRAINT fk_ab FOREIGN KEY (pa, pb) REFERENCES p (a, b) ON DELETE NO ACTION ON UPDATE RESTRICT);)sql",
            0 },
        { "add primary key", R"sql(CREATE TABLE t (id int NOT NULL, a int);)sql",
            R"sql(CREATE TABLE t (id int unsigned NOT NULL AUTO_INCREMENT, a int, PRIMARY KEY (id));)sql", 1 },
        { "index options", R"sql(CREATE TABLE t (a varchar(100), b int, KEY ka (a), KEY kb (b) COMMENT 'one');)sql",
            R"sql(CREATE TABLE t (a varchar(100), b int, KEY ka (a(20)) USING BTREE, KEY kb (b) COMMENT 'two', UNIQUE KEY ub (b, a(5)));)sql",
            0 },
        { "index on generated column", R"sql(CREATE TABLE t (doc longtext, id int);)sql",
            R"sql(CREATE TABLE t (doc longtext CHECK (json_valid(doc)), id int, name varchar(50) AS (json_value(doc, '$.name')) VIRTUAL, KEY kn (name));)sql",
            0 },
        { "regular to generated column", R"sql(CREATE TABLE t (a int, b int);)sql",
            R"sql(CREATE TABLE t (a int, b int AS (a * 10) STORED);)sql", 1 },
        { "system versioning", R"sql(CREATE TABLE t (a int);)sql",
            R"sql(CREATE TABLE t (a int) WITH SYSTEM VERSIONING;)sql", 0 },
        { "column and table charset together",
            R"sql(CREATE TABLE t (a varchar(10), b varchar(10) CHARACTER SET latin1, c text) DEFAULT CHARSET=utf8mb4;)sql",
            R"sql(CREATE TABLE t (a varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, b varchar(10), c text CHARACTER SET utf8mb4 COLLATE utf8mb4_bin) DEFAULT CHARSET=latin1;)sql",
            -1 },
        { "move auto increment column",
            R"sql(CREATE TABLE t (a int, id int NOT NULL AUTO_INCREMENT, b int, PRIMARY KEY (id));)sql",
            R"sql(CREATE TABLE t (id int NOT NULL AUTO_INCREMENT, b int, a int, PRIMARY KEY (id));)sql", 0 },
        { "drop table and its view",
            R"sql(CREATE TABLE t (id int); CREATE TABLE u (id int); CREATE VIEW v AS SELECT t.id FROM t JOIN u ON t.id = u.id;)sql",
            R"sql(CREATE TABLE u (id int, x int);)sql", 1 },
        { "many changes at once",
            R"sql(CREATE TABLE t (id int NOT NULL, a varchar(20), b int, c int, d text, PRIMARY KEY (id), KEY kb (b), KEY kc (c), CONSTRAINT ck CHECK (b > 0)) COMMENT='x';)sql",
            R"sql(CREATE TABLE t (id bigint NOT NULL AUTO_INCREMENT, c int NOT NULL DEFAULT 0, a varchar(40) COLLATE utf8mb4_bin, e json, PRIMARY KEY (id), UNIQUE KEY ua (a), KEY kc (c, a), FULLTEXT KEY fd (a), CONSTRAINT ck CHECK (c >= 0)) COMMENT='y' ROW_FORMAT=DYNAMIC;)sql",
            1 },
        // MariaDB constructs of issue 19; every case also runs B → A.
        { "versioned table altered",
            R"sql(CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10)) WITH SYSTEM VERSIONING;)sql",
            R"sql(CREATE TABLE t (id int PRIMARY KEY, a bigint, c date, KEY ka (a)) WITH SYSTEM VERSIONING COMMENT='v';)sql",
            1 },
        { "explicit row start and end", R"sql(CREATE TABLE t (id int PRIMARY KEY, a int);)sql",
            R"sql(CREATE TABLE t (id int PRIMARY KEY, a int,
  rs timestamp(6) GENERATED ALWAYS AS ROW START, re timestamp(6) GENERATED ALWAYS AS ROW END,
  PERIOD FOR SYSTEM_TIME (rs, re)) WITH SYSTEM VERSIONING;)sql",
            0 },
        { "versioning with unversioned columns",
            R"sql(CREATE TABLE t (id int PRIMARY KEY, a int,
  rs timestamp(6) GENERATED ALWAYS AS ROW START, re timestamp(6) GENERATED ALWAYS AS ROW END,
  PERIOD FOR SYSTEM_TIME (rs, re)) WITH SYSTEM VERSIONING;)sql",
            R"sql(CREATE TABLE t (id int PRIMARY KEY, a int WITHOUT SYSTEM VERSIONING, note text WITHOUT SYSTEM VERSIONING,
  rs timestamp(6) GENERATED ALWAYS AS ROW START, re timestamp(6) GENERATED ALWAYS AS ROW END,
  PERIOD FOR SYSTEM_TIME (rs, re), KEY kn (note(20))) WITH SYSTEM VERSIONING;)sql",
            0 },
        { "system-time partitioning", R"sql(CREATE TABLE t (id int PRIMARY KEY, a int) WITH SYSTEM VERSIONING;)sql",
            R"sql(CREATE TABLE t (id int PRIMARY KEY, a int) WITH SYSTEM VERSIONING
PARTITION BY SYSTEM_TIME LIMIT 1000 (PARTITION p_hist HISTORY, PARTITION p_cur CURRENT);)sql",
            -1 },
        { "application-time period", R"sql(CREATE TABLE t (id int, s date NOT NULL, e date NOT NULL);)sql",
            R"sql(CREATE TABLE t (id int, s date NOT NULL, e date NOT NULL, PERIOD FOR stay (s, e),
  UNIQUE KEY no_overlap (id, stay WITHOUT OVERLAPS));)sql",
            0 },
        { "period on other columns",
            R"sql(CREATE TABLE t (id int, s date NOT NULL, e date NOT NULL, s2 date NOT NULL, e2 date NOT NULL,
  PERIOD FOR p (s, e), UNIQUE KEY u (id, p WITHOUT OVERLAPS), KEY ks (s));)sql",
            R"sql(CREATE TABLE t (id int, s date NOT NULL, e date NOT NULL, s2 date NOT NULL, e2 date NOT NULL,
  PERIOD FOR p (s2, e2), UNIQUE KEY u (id, p WITHOUT OVERLAPS), KEY ks (s));)sql",
            0 },
        { "quoted table options", R"sql(CREATE TABLE t (a int) ENGINE=InnoDB;)sql",
            R"sql(CREATE TABLE t (a int) ENGINE=InnoDB ENCRYPTED=NO ENCRYPTION_KEY_ID=2 PAGE_COMPRESSED=1 PAGE_COMPRESSION_LEVEL=3;)sql",
            0 },
        { "changed quoted options", R"sql(CREATE TABLE t (a int) ENGINE=InnoDB ENCRYPTED=NO PAGE_COMPRESSED=1;)sql",
            R"sql(CREATE TABLE t (a int) ENGINE=InnoDB PAGE_COMPRESSED=0 ENCRYPTION_KEY_ID=3;)sql", 0 },
        { "aria option resets", R"sql(CREATE TABLE t (a int, KEY (a)) ENGINE=Aria;)sql",
            R"sql(CREATE TABLE t (a int, KEY (a)) ENGINE=Aria PACK_KEYS=1 CHECKSUM=1 DELAY_KEY_WRITE=1 STATS_PERSISTENT=1
  STATS_AUTO_RECALC=1 STATS_SAMPLE_PAGES=10 TRANSACTIONAL=1 MIN_ROWS=1 MAX_ROWS=10 AVG_ROW_LENGTH=10
  COMMENT='x' CONNECTION='y';)sql",
            0 },
        { "myisam option resets", R"sql(CREATE TABLE t (a int, KEY (a)) ENGINE=MyISAM;)sql",
            R"sql(CREATE TABLE t (a int, KEY (a)) ENGINE=MyISAM CHECKSUM=1 DELAY_KEY_WRITE=1 PACK_KEYS=0 ROW_FORMAT=FIXED;)sql",
            0 },
        { "merge table options", R"sql(CREATE TABLE m1 (a int) ENGINE=MyISAM; CREATE TABLE m2 (a int) ENGINE=MyISAM;
CREATE TABLE mm (a int) ENGINE=MRG_MyISAM;)sql",
            R"sql(CREATE TABLE m1 (a int) ENGINE=MyISAM; CREATE TABLE m2 (a int) ENGINE=MyISAM;
CREATE TABLE mm (a int) ENGINE=MRG_MyISAM UNION=(m1, m2) INSERT_METHOD=LAST;)sql",
            0 },
        { "engine change with options",
            R"sql(CREATE TABLE t (a int, KEY (a)) ENGINE=MyISAM CHECKSUM=1 PACK_KEYS=1;)sql",
            R"sql(CREATE TABLE t (a int, KEY (a)) ENGINE=InnoDB STATS_PERSISTENT=0;)sql", 0 },
        { "index order with rebuilds",
            R"sql(CREATE TABLE t (a int NOT NULL, b int, c int, d varchar(20), KEY kb (b), KEY kc (c), UNIQUE KEY ud (d), KEY kd (d));)sql",
            R"sql(CREATE TABLE t (a int NOT NULL, b int, c int, d varchar(20), PRIMARY KEY (a), KEY kc (c), KEY kb (b), UNIQUE KEY ud (d), KEY ka (a), KEY kd (d));)sql",
            0 },
        { "drop referencing table and its key",
            R"sql(CREATE TABLE p (id int PRIMARY KEY, code varchar(10) NOT NULL, UNIQUE KEY uc (code));
CREATE TABLE c (id int PRIMARY KEY, pcode varchar(10), CONSTRAINT fk_code FOREIGN KEY (pcode) REFERENCES p (code));)sql",
            R"sql(CREATE TABLE p (id int PRIMARY KEY, code varchar(12) NOT NULL);)sql", 1 },
        { "foreign key cycle on existing tables", R"sql(CREATE TABLE a (id int PRIMARY KEY, bid int);
CREATE TABLE b (id int PRIMARY KEY, aid int);)sql",
            R"sql(CREATE TABLE a (id int PRIMARY KEY, bid bigint, KEY kb (bid));
CREATE TABLE b (id bigint PRIMARY KEY, aid int, CONSTRAINT fk_ba FOREIGN KEY (aid) REFERENCES a (id));
ALTER TABLE a ADD CONSTRAINT fk_ab FOREIGN KEY (bid) REFERENCES b (id) ON DELETE SET NULL;)sql",
            0 },
        { "cycle of new and changed tables", R"sql(CREATE TABLE a (id int PRIMARY KEY, cid int);)sql",
            R"sql(CREATE TABLE a (id int PRIMARY KEY, cid int, KEY kc (cid));
CREATE TABLE b (id int PRIMARY KEY, aid int, CONSTRAINT fk_ba FOREIGN KEY (aid) REFERENCES a (id));
CREATE TABLE c (id int PRIMARY KEY, bid int, CONSTRAINT fk_cb FOREIGN KEY (bid) REFERENCES b (id));
ALTER TABLE a ADD CONSTRAINT fk_ac FOREIGN KEY (cid) REFERENCES c (id);)sql",
            0 },
        { "stored programs", R"sql(CREATE TABLE t (id int PRIMARY KEY, a int, updated datetime);
CREATE PROCEDURE p_old() SELECT 1;
DELIMITER ;;
CREATE PROCEDURE p(x int) BEGIN SELECT x; SELECT x + 1; END;;
DELIMITER ;
CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x * 2;
CREATE TRIGGER tr_upd BEFORE UPDATE ON t FOR EACH ROW SET NEW.updated = now();)sql",
            R"sql(CREATE TABLE t (id int PRIMARY KEY, a int, updated datetime, n int);
DELIMITER ;;
CREATE PROCEDURE p(x int) BEGIN SELECT x; SELECT x + 2; END;;
DELIMITER ;
CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x * 3;
CREATE FUNCTION g() RETURNS int RETURN 7;
CREATE VIEW v AS SELECT id, g() AS seven, f(a) AS twice FROM t;
DELIMITER ;;
CREATE TRIGGER tr_upd BEFORE UPDATE ON t FOR EACH ROW BEGIN SET NEW.updated = now(); SET NEW.n = f(NEW.a); END;;
DELIMITER ;
CREATE TRIGGER tr_ins AFTER INSERT ON t FOR EACH ROW CALL p(NEW.id);)sql",
            0 },
        { "trigger order", R"sql(CREATE TABLE t (a int, b int);
CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW SET NEW.b = 1;
CREATE TRIGGER t2 BEFORE INSERT ON t FOR EACH ROW SET NEW.b = NEW.b + 2;
CREATE TRIGGER t3 BEFORE INSERT ON t FOR EACH ROW SET NEW.b = NEW.b * 3;)sql",
            R"sql(CREATE TABLE t (a int, b int);
CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW SET NEW.b = 1;
CREATE TRIGGER t3 BEFORE INSERT ON t FOR EACH ROW SET NEW.b = NEW.b * 3;
CREATE TRIGGER t2 BEFORE INSERT ON t FOR EACH ROW SET NEW.b = NEW.b + 2;
CREATE TRIGGER t4 BEFORE INSERT ON t FOR EACH ROW FOLLOWS t1 SET NEW.b = NEW.b - 4;)sql",
            0 },
        { "triggers of a dropped table", R"sql(CREATE TABLE t (a int); CREATE TABLE log (a int);
CREATE TRIGGER tl AFTER INSERT ON t FOR EACH ROW INSERT INTO log VALUES (NEW.a);)sql",
            R"sql(CREATE TABLE log (a int, at datetime);)sql", 1 },
        { "events", R"sql(CREATE TABLE t (a int);
CREATE EVENT ev_purge ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DO DELETE FROM t;)sql",
            R"sql(CREATE TABLE t (a int);
CREATE EVENT ev_purge ON SCHEDULE EVERY 2 HOUR STARTS '2030-01-01 00:00:00' DISABLE DO DELETE FROM t WHERE a > 1;
CREATE EVENT once ON SCHEDULE AT '2031-01-01 00:00:00' ON COMPLETION PRESERVE DO DELETE FROM t;)sql",
            0 },
    };
}
