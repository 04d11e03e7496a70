#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256 (FIPS 180-4) of `length` bytes at `data` into `digest` (32 bytes), with the CPU's SHA
/// instructions where it has them (x86-64 SHA-NI), else portable C.
void csha256_digest(const uint8_t *data, size_t length, uint8_t digest[32]);

/// The same digest, always in portable C: lets tests check both paths against each other.
void csha256_digest_portable(const uint8_t *data, size_t length, uint8_t digest[32]);

/// Whether `csha256_digest` uses the CPU's SHA instructions on this machine.
int csha256_uses_cpu_instructions(void);

#endif
