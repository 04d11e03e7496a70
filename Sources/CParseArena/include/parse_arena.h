#ifndef PARSE_ARENA_H
#define PARSE_ARENA_H

/// A region that libxml2's allocations go into while one page is parsed, released whole with the page.
typedef struct parse_arena parse_arena;

/// Routes libxml2's allocator through the arenas (once per process; before any page is parsed).
/// Outside an arena every call goes to malloc, realloc and free, as before.
void parse_arena_install(void);

/// A new arena; libxml2's allocations on this thread go into it until `parse_arena_stop`.
parse_arena *parse_arena_start(void);

/// Allocations on this thread go to malloc again. Memory of the arena stays valid, and libxml2 freeing
/// it is a no-op, until `parse_arena_release`.
void parse_arena_stop(void);

/// Gives back everything allocated in `arena`. Nothing may point into it afterwards.
void parse_arena_release(parse_arena *arena);

#endif
