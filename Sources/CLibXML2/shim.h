#ifndef TREASURY_STRESS_CLIBXML2_SHIM_H
#define TREASURY_STRESS_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Foundation ships its own ICU module; libxml2's ICU declarations would clash with it. We never
   touch the ICU fields of xmlCharEncodingHandler (only pointers to it), so leave them out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlIO.h>

/// `xmlFree` is a mutable C global that Swift 6 will not touch; call it through here.
static inline void ts_xmlFree(void *pointer) { xmlFree(pointer); }

/* libxml2 2.12 made the structured error callback take `const xmlError *` (it was `xmlError *`).
   Swift imports the two as different function types, so callers pass a callback that takes the
   error as `const void *`, and these wrappers cast it to whichever type this libxml2 declares. */
typedef void (*ts_structured_error_callback)(void *context, const void *error);

static inline void ts_xmlSchemaSetParserStructuredErrors(xmlSchemaParserCtxtPtr parser,
                                                         ts_structured_error_callback callback, void *context) {
    xmlSchemaSetParserStructuredErrors(parser, (xmlStructuredErrorFunc)callback, context);
}

static inline void ts_xmlSchemaSetValidStructuredErrors(xmlSchemaValidCtxtPtr validator,
                                                        ts_structured_error_callback callback, void *context) {
    xmlSchemaSetValidStructuredErrors(validator, (xmlStructuredErrorFunc)callback, context);
}

/* The parser's own errors (not well-formed input) go to its SAX handler's structured callback,
   called with the parser context itself; without one libxml2 keeps only the last error, which for
   a document broken early is often a consequence ("Extra content at the end") and not the cause. */
static inline void ts_xmlCtxtSetStructuredErrors(xmlParserCtxtPtr context, ts_structured_error_callback callback) {
    if (context->sax != NULL) context->sax->serror = (xmlStructuredErrorFunc)callback;
}

#endif
