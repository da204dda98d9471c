#ifndef UCP_IMAGE_INFO_H
#define UCP_IMAGE_INFO_H

/* Returns 1 when both addresses lie in the same loaded ELF image, 0 when they
 * do not, -1 when either address is in no image. Used by the Swift SDK to tell
 * whether a plugin carries its own Swift runtime (-static-stdlib). */
__attribute__((visibility("hidden"))) int ucp_sdk_same_image(const void *first, const void *second);

#endif
