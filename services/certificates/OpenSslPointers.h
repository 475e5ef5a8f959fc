#pragma once

#include "certificates/OpenSslErrors.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/pkcs7.h>
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
using Pkcs7Ptr = std::unique_ptr<PKCS7, OpenSslDeleter<&PKCS7_free>>;
using X509CrlPtr = std::unique_ptr<X509_CRL, OpenSslDeleter<&X509_CRL_free>>;
using X509RevokedPtr = std::unique_ptr<X509_REVOKED, OpenSslDeleter<&X509_REVOKED_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, OpenSslDeleter<&X509_STORE_free>>;
using Asn1EnumeratedPtr = std::unique_ptr<ASN1_ENUMERATED, OpenSslDeleter<&ASN1_ENUMERATED_free>>;
using OcspRequestPtr = std::unique_ptr<OCSP_REQUEST, OpenSslDeleter<&OCSP_REQUEST_free>>;
using OcspResponsePtr = std::unique_ptr<OCSP_RESPONSE, OpenSslDeleter<&OCSP_RESPONSE_free>>;
using OcspBasicResponsePtr = std::unique_ptr<OCSP_BASICRESP, OpenSslDeleter<&OCSP_BASICRESP_free>>;
using OcspCertIdPtr = std::unique_ptr<OCSP_CERTID, OpenSslDeleter<&OCSP_CERTID_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, OpenSslDeleter<&GENERAL_NAMES_free>>;
using X509SigPtr = std::unique_ptr<X509_SIG, OpenSslDeleter<&X509_SIG_free>>;
// Decoded extensions (X509_get_ext_d2i, X509_CRL_get_ext_d2i).
using AuthorityInfoAccessPtr
    = std::unique_ptr<AUTHORITY_INFO_ACCESS, OpenSslDeleter<&AUTHORITY_INFO_ACCESS_free>>;
using ExtendedKeyUsagePtr
    = std::unique_ptr<EXTENDED_KEY_USAGE, OpenSslDeleter<&EXTENDED_KEY_USAGE_free>>;
using CrlDistPointsPtr = std::unique_ptr<CRL_DIST_POINTS, OpenSslDeleter<&CRL_DIST_POINTS_free>>;
using IssuingDistPointPtr
    = std::unique_ptr<ISSUING_DIST_POINT, OpenSslDeleter<&ISSUING_DIST_POINT_free>>;
// sk_X509_free is a macro. The stack frees itself only, not the certificates it borrows.
struct X509StackDeleter
{
    void operator()(STACK_OF(X509) * stack) const noexcept { sk_X509_free(stack); }
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackDeleter>;
// Strings OpenSSL allocates for the caller (BN_bn2hex, i2s_ASN1_INTEGER, ...).
using OpenSslStringPtr = std::unique_ptr<char, OpenSslMemoryDeleter>;

// --- For the AMS simulator's authority (tools/ams-simulator/SimulatorAuthority.cpp) ---
// The buffer an i2d_* function allocates when handed a null pointer.
using OpenSslBytesPtr = std::unique_ptr<unsigned char, OpenSslMemoryDeleter>;

} // namespace rd
