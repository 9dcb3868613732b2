/*
 * xml-malformed.c: front-end rule, reported by the loader (lint/loader.c) while it
 * reads the design; it has no check function and cannot be disabled.
 */
#include "lint/lint.h"

const struct ecrc_rule ecrc_rule_xml_malformed = {
    .id = "xml-malformed",
    .severity = ECRC_SEV_ERROR,
    .summary = "not well-formed XML, a DOCTYPE or entity (refused), an encoding error, or a file the loader "
               "cannot read within its limits",
    .frontend = true,
    .check = NULL,
};
