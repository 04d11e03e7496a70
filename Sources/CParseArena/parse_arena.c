// A bump allocator for libxml2's parse of one page. Parsing an aeb-dev page makes thousands of small
// allocations (nodes, names, text, attributes) and freeing the tree walks them all again: malloc, free
// and the free walk were an eighth of the clean stage. In an arena each allocation is a pointer bump and
// the whole tree goes at once.
//
// libxml2's allocator is process-wide (xmlMemSetup), so the arena being filled is per thread, and a pointer
// libxml2 frees is checked against the live arenas: inside one it is left alone, else it came from malloc
// and goes back to free. Only the parse runs inside an arena; what libxml2 allocates for the caller
// afterwards (xmlGetProp, xmlNodeGetContent) comes from malloc as before.
#include "parse_arena.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// From <libxml/xmlmemory.h> and <libxml/parser.h>, declared here to keep this target free of libxml2's
// header path (the Swift side links libxml2).
typedef void (*xml_free_fn)(void *);
typedef void *(*xml_malloc_fn)(size_t);
typedef void *(*xml_realloc_fn)(void *, size_t);
typedef char *(*xml_strdup_fn)(const char *);
extern int xmlMemSetup(xml_free_fn, xml_malloc_fn, xml_realloc_fn, xml_strdup_fn);
extern void xmlInitParser(void);
extern void xmlResetLastError(void);

enum { chunk_size = 256 * 1024, alignment = 16, header = 16 };

struct chunk {
    struct chunk *next;
    char *end;
    char *cursor;
    char start[];
};

struct parse_arena {
    struct chunk *chunks;
    struct parse_arena *next_live;
};

// The arena this thread's libxml2 allocations go into, if any.
static __thread parse_arena *current;
// Every arena whose memory is valid, of all threads (a page may be released on another thread than the
// one that parsed it); the lock also covers their chunk lists.
static parse_arena *live;
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;

static struct chunk *new_chunk(size_t at_least) {
    size_t size = at_least + header > chunk_size ? at_least + header : chunk_size;
    struct chunk *chunk = malloc(sizeof(struct chunk) + size);
    if (chunk == NULL) return NULL;
    chunk->cursor = chunk->start;
    chunk->end = chunk->start + size;
    chunk->next = NULL;
    return chunk;
}

// Each block is preceded by its size, which realloc needs to copy it.
static void *arena_allocate(parse_arena *arena, size_t size) {
    size_t needed = (size + header + alignment - 1) & ~(size_t)(alignment - 1);
    struct chunk *chunk = arena->chunks;
    if (chunk == NULL || (size_t)(chunk->end - chunk->cursor) < needed) {
        struct chunk *fresh = new_chunk(needed);
        if (fresh == NULL) return NULL;
        pthread_mutex_lock(&live_lock);
        if (chunk != NULL && needed > chunk_size / 4) {
            // A large block gets its own chunk behind the current one, which keeps its room.
            fresh->next = chunk->next;
            chunk->next = fresh;
        } else {
            fresh->next = chunk;
            arena->chunks = fresh;
        }
        pthread_mutex_unlock(&live_lock);
        chunk = fresh;
    }
    char *block = chunk->cursor;
    chunk->cursor += needed;
    *(size_t *)block = size;
    return block + header;
}

static int owns(const parse_arena *arena, const void *pointer) {
    for (const struct chunk *chunk = arena->chunks; chunk != NULL; chunk = chunk->next) {
        if ((const char *)pointer >= chunk->start && (const char *)pointer < chunk->end) return 1;
    }
    return 0;
}

static int in_live_arena(const void *pointer) {
    // The arena being filled needs no lock: only this thread adds to it.
    if (current != NULL && owns(current, pointer)) return 1;
    pthread_mutex_lock(&live_lock);
    int found = 0;
    for (const parse_arena *arena = live; arena != NULL && !found; arena = arena->next_live) {
        found = owns(arena, pointer);
    }
    pthread_mutex_unlock(&live_lock);
    return found;
}

static void *arena_malloc(size_t size) {
    return current != NULL ? arena_allocate(current, size) : malloc(size);
}

static void arena_free(void *pointer) {
    if (pointer == NULL || in_live_arena(pointer)) return;
    free(pointer);
}

static void *arena_realloc(void *pointer, size_t size) {
    if (pointer == NULL) return arena_malloc(size);
    if (!in_live_arena(pointer)) return realloc(pointer, size);
    size_t old = *(size_t *)((char *)pointer - header);
    if (size <= old) return pointer;
    void *moved = arena_malloc(size);
    if (moved != NULL) memcpy(moved, pointer, old);
    return moved;
}

static char *arena_strdup(const char *text) {
    size_t length = strlen(text) + 1;
    char *copy = arena_malloc(length);
    if (copy != NULL) memcpy(copy, text, length);
    return copy;
}

void parse_arena_install(void) {
    // libxml2's global tables are made before any arena exists, so none of them lives in one.
    xmlInitParser();
    xmlMemSetup(arena_free, arena_malloc, arena_realloc, arena_strdup);
}

parse_arena *parse_arena_start(void) {
    // This thread's libxml2 state (its last error) exists before the arena does.
    xmlResetLastError();
    parse_arena *arena = calloc(1, sizeof(parse_arena));
    if (arena == NULL) return NULL;
    pthread_mutex_lock(&live_lock);
    arena->next_live = live;
    live = arena;
    pthread_mutex_unlock(&live_lock);
    current = arena;
    return arena;
}

void parse_arena_stop(void) {
    // The thread's last error may hold messages copied into the arena: cleared while they are valid.
    xmlResetLastError();
    current = NULL;
}

void parse_arena_release(parse_arena *arena) {
    if (arena == NULL) return;
    pthread_mutex_lock(&live_lock);
    for (parse_arena **link = &live; *link != NULL; link = &(*link)->next_live) {
        if (*link == arena) {
            *link = arena->next_live;
            break;
        }
    }
    pthread_mutex_unlock(&live_lock);
    if (current == arena) current = NULL;
    struct chunk *chunk = arena->chunks;
    while (chunk != NULL) {
        struct chunk *next = chunk->next;
        free(chunk);
        chunk = next;
    }
    free(arena);
}
