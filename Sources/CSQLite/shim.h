#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>
/* SQLITE_TRANSIENT is a cast macro Swift cannot import: make SQLite copy bound text/blobs. */
static const sqlite3_destructor_type CSQLITE_TRANSIENT = SQLITE_TRANSIENT;
/* sqlite3_db_config is variadic, which Swift cannot call: one integer-option wrapper
   (e.g. SQLITE_DBCONFIG_DEFENSIVE). value -1 leaves the option unchanged; *out gets the result. */
static inline int csqlite_db_config_int(sqlite3 *db, int op, int value, int *out) {
    return sqlite3_db_config(db, op, value, out);
}
/* sqlite3_config is variadic too. No bulk page-cache allocation: by default every new page
   cache (each ephemeral table a statement builds, e.g. for a CHECK's `IN (…)` list) mallocs
   20 pages (~86 KB) at once, which glibc hands back to the kernel on free and page-faults in
   again on the next statement. Only works before SQLite is initialised (else SQLITE_MISUSE). */
static inline int csqlite_config_no_bulk_page_cache(void) {
    return sqlite3_config(SQLITE_CONFIG_PAGECACHE, (void *)0, 0, 0);
}
#endif
