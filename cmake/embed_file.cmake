# embed_file.cmake: writes IN as a C string constant SYMBOL into OUT.
file(READ "${IN}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," content "${content}")
file(WRITE "${OUT}.tmp" "/* generated from ${IN}; do not edit */\n#include <stddef.h>\nconst char ${SYMBOL}[] = {${content} 0x00};\nconst size_t ${SYMBOL}_len = sizeof ${SYMBOL} - 1;\n")
file(RENAME "${OUT}.tmp" "${OUT}")
