-- Benchmark P2 (issue 12): the rule evaluation's cost must follow the changed articles, not the catalogue.
-- HSQLDB memory-maps a cached table's data file only while it is at most hsqldb.nio_max_size (256 MB by
-- default, about 500,000 articles with prices, stock and list items); beyond it every row not in the row
-- cache is read with a system call, and each look-up by key costs more the bigger the catalogue. The
-- default URL sets 4 GB for new stores; a store created before this setting takes it here (it is kept in
-- the .script file). The mapping is the operating system's page cache, not Java heap.
SET FILES NIO SIZE 4096;
