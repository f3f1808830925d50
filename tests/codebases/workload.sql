-- SQL workload of the SQLite code-base test (tests/codebases): tables,
-- indexes, joins, aggregates, transactions (commit and rollback), window
-- functions, string functions and an integrity check.
PRAGMA journal_mode = DELETE;
PRAGMA page_size = 4096;
CREATE TABLE dept(id INTEGER PRIMARY KEY, name TEXT NOT NULL, budget REAL);
CREATE TABLE emp(id INTEGER PRIMARY KEY, name TEXT, dept INTEGER REFERENCES dept(id), salary INTEGER, note TEXT);
CREATE INDEX emp_dept ON emp(dept);
CREATE INDEX emp_salary ON emp(salary DESC, name);
INSERT INTO dept(id, name, budget) VALUES (1, 'engineering', 1e6), (2, 'sales', 5.5e5), (3, 'support', 2.25e5), (4, 'empty', 0);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO emp(name, dept, salary, note)
  SELECT printf('emp%04d', i), 1 + (i * 7) % 3, 30000 + (i * 7919) % 90000,
         CASE WHEN i % 5 = 0 THEN NULL ELSE substr('abcdefghijklmnopqrstuvwxyz', 1 + i % 20, 1 + i % 7) END
  FROM n;
COMMIT;
SELECT count(*), sum(salary), avg(salary), min(name), max(name) FROM emp;
SELECT d.name, count(e.id), sum(e.salary), round(avg(e.salary), 2)
  FROM dept d LEFT JOIN emp e ON e.dept = d.id GROUP BY d.id ORDER BY d.id;
SELECT e.name, e.salary, d.name FROM emp e JOIN dept d ON d.id = e.dept
  WHERE e.salary > 119000 ORDER BY e.salary DESC, e.name LIMIT 10;
SELECT name, salary, rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS r
  FROM emp WHERE id % 997 = 0 ORDER BY dept, r, name;
BEGIN;
UPDATE emp SET salary = salary + 1000 WHERE dept = 2;
DELETE FROM emp WHERE id % 3 = 0;
ROLLBACK;
SELECT count(*), sum(salary) FROM emp;
BEGIN;
DELETE FROM emp WHERE id % 10 = 0;
UPDATE emp SET note = upper(coalesce(note, 'none')) || '-' || length(name) WHERE id % 7 = 0;
COMMIT;
SELECT count(*), sum(salary), group_concat(DISTINCT note) FROM emp WHERE id < 60;
SELECT dept, count(*) FROM emp WHERE note LIKE 'A%' OR note GLOB '*-7' GROUP BY dept ORDER BY dept;
CREATE TABLE pairs AS SELECT a.id AS x, b.id AS y FROM emp a JOIN emp b ON b.id = a.id + 1 WHERE a.id < 200;
SELECT count(*), sum(x * y) % 1000003 FROM pairs;
SELECT quote(hex(zeroblob(4))), typeof(1.5), cast('42' AS INTEGER) + 1, replace('a-b-c', '-', '+'), instr('hello', 'll');
EXPLAIN QUERY PLAN SELECT * FROM emp WHERE dept = 2 AND salary > 50000;
VACUUM;
PRAGMA integrity_check;
