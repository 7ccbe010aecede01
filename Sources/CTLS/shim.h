#ifndef CTLS_SHIM_H
#define CTLS_SHIM_H
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

/* Function-like macros of <openssl/ssl.h>, which Swift cannot call, as inline functions. */

static inline int ctls_set_min_protocol_version(SSL_CTX *context, int version) {
    return (int)SSL_CTX_set_min_proto_version(context, version);
}

static inline long ctls_set_client_modes(SSL_CTX *context) {
    /* SSL_write may send part of a buffer, from any address (the caller retries with what is left); idle
       connections give their read and write buffers back. */
    return SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                                         SSL_MODE_RELEASE_BUFFERS);
}

static inline uint64_t ctls_ignore_unexpected_eof(SSL_CTX *context) {
    /* A peer that closes without close_notify ends the stream (as most HTTP servers do) instead of failing it. */
    return SSL_CTX_set_options(context, SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_NO_COMPRESSION);
}

static inline int ctls_set_server_name(SSL *connection, const char *name) {
    return (int)SSL_set_tlsext_host_name(connection, name);
}
#endif
