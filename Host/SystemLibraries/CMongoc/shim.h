#include <mongoc/mongoc.h>
