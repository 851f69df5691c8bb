#include "ProcessHardening.h"

#ifdef __linux__
#include <sys/prctl.h>
#endif
#if defined(__unix__) || defined(__APPLE__)
#include <sys/resource.h>
#endif

bool ProcessHardening::enabled()
{
#ifdef MINT_HARDEN_PROCESS
    return true;
#else
    return false;
#endif
}

ProcessHardening::Result ProcessHardening::apply()
{
    Result result;
    if (!enabled())
        return result;
#if defined(__unix__) || defined(__APPLE__)
    const rlimit none{0, 0};
    result.coreDumpsDisabled = setrlimit(RLIMIT_CORE, &none) == 0;
#endif
#ifdef __linux__
    result.notDumpable = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
#endif
    return result;
}
