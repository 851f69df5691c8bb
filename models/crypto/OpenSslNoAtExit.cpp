// Sanitizer builds only (MINT_SANITIZE): linked as an object file into every program that links
// the model layer, so that it runs before anything starts OpenSSL, Qt's TLS plug-in included.
//
// OpenSSL frees its global state from an atexit() handler, and that handler forgets the state of
// every other thread that is still alive. Qt's network thread often is: its random generators and
// error queue are then never freed, and LeakSanitizer, which checks after the handlers, reports
// them. Their stacks stop in OpenSSL's frames (which keep no frame pointer), so no suppression
// could tell them from a leak of ours. So in these builds OpenSSL registers no such handler: its
// state stays reachable to the end, and what LeakSanitizer reports is really lost. Release
// builds keep OpenSSL's default.
#include <openssl/crypto.h>

namespace {
[[maybe_unused]] const bool g_noAtExit = OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr) == 1;
} // namespace
