#include <libxml/xmlversion.h>
// libxml2 here is built with ICU; its UErrorCode clashes with Foundation's copy.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>
#include <libxml/parser.h>

// xmlFree is a global function pointer, which Swift 6 rejects as not concurrency-safe.
static inline void pressline_xml_free(void *pointer) { xmlFree(pointer); }
