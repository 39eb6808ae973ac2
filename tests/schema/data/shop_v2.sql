CREATE TABLE x (id int, y int);
