-- Benchmark P2 (issue 12): on HSQLDB this version lets the data file stay memory-mapped up to 4 GB.
-- PostgreSQL reads its tables through its own shared buffers and the page cache: nothing to change here.
SELECT 1;
