# Builds the Windows installer (MSI) in one command. Prerequisites and details:
# packaging/README.md. Run from a "x64 Native Tools Command Prompt for VS 2022" (so that cl.exe
# is found), in PowerShell:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\package.ps1 `
#       -QtDir C:\Qt\6.7.3\msvc2019_64 -OpenSslDir C:\Qt\Tools\OpenSSLv3\Win_x64
# Without -QtKeychainDir, QtKeychain 0.14.3 is built from source into the build directory first.
# Prints the path of the .msi.
param(
    [Parameter(Mandatory = $true)][string] $QtDir,
    [Parameter(Mandatory = $true)][string] $OpenSslDir,
    [string] $QtKeychainDir = "",
    [string] $BuildDir = ""
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
if (-not $BuildDir) { $BuildDir = Join-Path $root 'build-msi' }
# The cpack next to cmake (Chocolatey also installs a "cpack.exe").
$cmakeDir = Split-Path (Get-Command cmake).Source
$cpack = Join-Path $cmakeDir 'cpack.exe'

function Invoke-Checked([string] $what, [scriptblock] $command) {
    Write-Host "==> $what"
    & $command
    if ($LASTEXITCODE -ne 0) { throw "$what failed (exit $LASTEXITCODE)" }
}

foreach ($tool in @('cl', 'ninja', 'git', 'candle', 'light')) {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) {
        throw "$tool not found: see packaging/README.md (Visual Studio, Ninja, Git, WiX 3 on PATH)"
    }
}

if (-not $QtKeychainDir) {
    $QtKeychainDir = Join-Path $BuildDir 'qtkeychain'
    $src = Join-Path $BuildDir 'qtkeychain-src'
    if (-not (Test-Path $src)) {
        Invoke-Checked 'Fetching QtKeychain 0.14.3' {
            git clone --depth 1 --branch 0.14.3 https://github.com/frankosterfeld/qtkeychain.git $src
        }
    }
    Invoke-Checked 'Configuring QtKeychain' {
        cmake -S $src -B (Join-Path $BuildDir 'qtkeychain-build') -G Ninja `
            -DCMAKE_BUILD_TYPE=Release -DBUILD_WITH_QT6=ON -DBUILD_TRANSLATIONS=OFF `
            -DBUILD_TEST_APPLICATION=OFF "-DCMAKE_PREFIX_PATH=$QtDir" `
            "-DCMAKE_INSTALL_PREFIX=$QtKeychainDir"
    }
    Invoke-Checked 'Building QtKeychain' { cmake --build (Join-Path $BuildDir 'qtkeychain-build') --target install }
}

Invoke-Checked 'Configuring Mint Config' {
    cmake -S $root -B $BuildDir -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF `
        "-DCMAKE_PREFIX_PATH=$QtDir;$QtKeychainDir" "-DOPENSSL_ROOT_DIR=$OpenSslDir"
}
Invoke-Checked 'Building Mint Config' { cmake --build $BuildDir }
# cpack installs into a staging tree; the install rules run windeployqt and copy QtKeychain,
# OpenSSL, Qt's SVG plug-in and the MSVC run-time next to the .exe (packaging/CMakeLists.txt).
$packages = Join-Path $BuildDir 'packages'
Invoke-Checked 'Building the MSI (WiX)' {
    & $cpack --config (Join-Path $BuildDir 'CPackConfig.cmake') -G WIX -B $packages
}
Get-ChildItem -Path $packages -Filter 'mint-config-*.msi' | ForEach-Object { $_.FullName }
