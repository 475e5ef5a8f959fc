#pragma once

#include "OpenSslErrors.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace rd {

// Every OpenSSL object lives in a std::unique_ptr whose deleter is its free function, so no
// error path can leak one. A functor deleter (rather than decltype(&X509_free)) keeps the
// pointers one word wide and default-constructible.
template<auto FreeFunction> struct OpenSslDeleter
{
    template<typename T> void operator()(T *object) const noexcept { FreeFunction(object); }
};

// OPENSSL_free is a macro that passes the caller's file and line along.
struct OpenSslMemoryDeleter
{
    void operator()(void *memory) const noexcept { OPENSSL_free(memory); }
};

using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<&X509_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, OpenSslDeleter<&X509_NAME_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslDeleter<&X509_EXTENSION_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<&EVP_PKEY_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<&EVP_PKEY_CTX_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<&EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<&BIO_free_all>>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, OpenSslDeleter<&ASN1_INTEGER_free>>;
using Asn1TimePtr = std::unique_ptr<ASN1_TIME, OpenSslDeleter<&ASN1_TIME_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<&BN_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, OpenSslDeleter<&GENERAL_NAMES_free>>;
// Strings OpenSSL allocates for the caller (BN_bn2hex, i2s_ASN1_INTEGER, ...).
using OpenSslStringPtr = std::unique_ptr<char, OpenSslMemoryDeleter>;

} // namespace rd
