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

#endif
