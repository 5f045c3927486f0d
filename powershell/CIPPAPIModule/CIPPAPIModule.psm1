# CIPPAPIModule loader: loads the C# binding (CippApi), finds the native cippapi library, checks the ABI, then
# dot-sources the functions and exports exactly the manifest's lists. Any failure fails the import.
#
# Binding load order (fastest first):
#   1. type CippApi.CippClient already in the process (re-import, another runspace) -> reuse;
#   2. bin/CippApi.dll in the module folder, when bin/CippApi.dll.netmajor names a .NET major <= the running one;
#   3. a per-user cache of the binding compiled once from its sources for this source hash and .NET major: the .NET
#      binding (lib/*.cs in a package, ../../bindings/csharp/*.cs in a source checkout) together with the module's
#      own part src/*.cs (CippJson.cs: JSON for PowerShell; CippNativeResolve.cs: where the native library is;
#      CippRequestCommand.cs: the request engine; CippCommandRequest.cs: the generated commands' requests), into one
#      assembly.
#
# Native library: CIPPAPI_NATIVE_PATH, else runtimes/<rid>/native/<file>, else (a source checkout) the newer of
# target/release and target/debug (CARGO_TARGET_DIR honoured): CippNativeResolve.LibraryPath.
#
# Environment variables: CIPPAPI_NATIVE_PATH (native library file; overrides everything else), CIPPAPI_CACHE_DIR
# (folder for the compiled binding), CARGO_TARGET_DIR (where a source checkout's builds are).

# Stop on any error while loading. This module-scope copy is removed at the end so that module functions keep
# seeing the caller's preference.
$ErrorActionPreference = 'Stop'

#region native library
# The rules live in CippApi.CippNativeResolve (src/CippNativeResolve.cs): as PowerShell functions they
# cost the import 40-70 ms. These functions are thin wrappers with the OS and architecture as parameters, for tests.

function Get-CIPPInnerException {
    # The exception a .NET method or property setter threw, without PowerShell's MethodInvocationException or
    # SetValueInvocationException wrapper (used by the loader and the module's functions alike).
    param([System.Exception]$Exception)
    while (($Exception -is [System.Management.Automation.MethodInvocationException] -or
            $Exception -is [System.Management.Automation.SetValueInvocationException]) -and $Exception.InnerException) {
        $Exception = $Exception.InnerException
    }
    $Exception
}

function Invoke-CIPPNativeResolve {
    # Callers get the exception the resolver threw, not PowerShell's wrapper.
    param([scriptblock]$Call)
    try { & $Call } catch [System.Management.Automation.MethodInvocationException] { throw (Get-CIPPInnerException $_.Exception) }
}

function Get-CIPPPlatform {
    # The running OS as the loader's functions take it: Windows, MacOS or Linux (also before the binding is loaded:
    # Get-CIPPBindingCacheRoot needs it to compile the binding).
    if ($IsWindows) { 'Windows' } elseif ($IsMacOS) { 'MacOS' } else { 'Linux' }
}

function Get-CIPPNativeRid {
    # The runtime identifier folder name under runtimes/, e.g. linux-x64, linux-musl-arm64, win-x64, osx-arm64.
    # OS and architecture default to the running process's; parameters let tests cover every platform.
    param(
        [ValidateSet('Windows', 'MacOS', 'Linux')][string]$OS = (Get-CIPPPlatform),
        [System.Runtime.InteropServices.Architecture]$Architecture = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture,
        # Linux only; detected (Test-CIPPMusl) when not given.
        [Nullable[bool]]$Musl = $null
    )
    Invoke-CIPPNativeResolve { [CippApi.CippNativeResolve]::RuntimeIdentifier($OS, $Architecture, $Musl) }
}

function Get-CIPPNativeLibraryName {
    # The native library's file name on an OS.
    param([ValidateSet('Windows', 'MacOS', 'Linux')][string]$OS = (Get-CIPPPlatform))
    Invoke-CIPPNativeResolve { [CippApi.CippNativeResolve]::LibraryName($OS) }
}

function Test-CIPPMusl {
    # musl (Alpine) needs its own build: whether this process runs on it.
    Invoke-CIPPNativeResolve { [CippApi.CippNativeResolve]::IsMusl() }
}

function Get-CIPPNativeLibraryPath {
    # CIPPAPI_NATIVE_PATH when set, else runtimes/<rid>/native/<file> under ModuleRoot, else in a source checkout the
    # newer of Cargo's release and debug builds (CARGO_TARGET_DIR honoured); throws FileNotFoundException naming the
    # path (and the runtime identifier) and the fix when there is none.
    param(
        [string]$ModuleRoot,
        [ValidateSet('Windows', 'MacOS', 'Linux')][string]$OS = (Get-CIPPPlatform),
        [System.Runtime.InteropServices.Architecture]$Architecture = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture,
        [Nullable[bool]]$Musl = $null
    )
    Invoke-CIPPNativeResolve { [CippApi.CippNativeResolve]::LibraryPath($ModuleRoot, $OS, $Architecture, $Musl, $env:CIPPAPI_NATIVE_PATH, $env:CARGO_TARGET_DIR) }
}

#endregion

#region C# binding

function Get-CIPPBindingCacheRoot {
    # The folder for the compiled binding; the environment and OS are parameters so tests cover every branch.
    param(
        [ValidateSet('Windows', 'MacOS', 'Linux')][string]$OS = (Get-CIPPPlatform),
        [string]$CacheDir = $env:CIPPAPI_CACHE_DIR,
        [string]$LocalAppData = $env:LOCALAPPDATA,
        [string]$XdgCacheHome = $env:XDG_CACHE_HOME,
        [string]$UserProfile = [Environment]::GetFolderPath('UserProfile')
    )
    if (-not [string]::IsNullOrWhiteSpace($CacheDir)) { return $CacheDir }
    $base = if ($OS -eq 'Windows' -and $LocalAppData) { $LocalAppData }
    elseif ($XdgCacheHome) { $XdgCacheHome }
    else { [System.IO.Path]::Combine($UserProfile, '.cache') }
    [System.IO.Path]::Combine($base, 'CIPPAPIModule')
}

function Import-CIPPBinding {
    param([string]$ModuleRoot)
    if ('CippApi.CippClient' -as [type]) { return 'session' }

    $netMajor = [Environment]::Version.Major

    # 2. A precompiled binding shipped with the module.
    $shipped = [System.IO.Path]::Combine($ModuleRoot, 'bin', 'CippApi.dll')
    $marker = "$shipped.netmajor"
    if ([System.IO.File]::Exists($shipped) -and [System.IO.File]::Exists($marker)) {
        $built = 0
        if ([int]::TryParse([System.IO.File]::ReadAllText($marker).Trim(), [ref]$built) -and $built -le $netMajor) {
            $null = [System.Reflection.Assembly]::LoadFrom($shipped)
            return $shipped
        }
    }

    # 3. Compile the sources once per source hash and .NET major into the user's cache.
    $bindingDir = $null
    foreach ($candidate in [System.IO.Path]::Combine($ModuleRoot, 'lib'),
        [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($ModuleRoot, '..', '..', 'bindings', 'csharp'))) {
        if ([System.IO.File]::Exists([System.IO.Path]::Combine($candidate, 'CippApi.cs'))) { $bindingDir = $candidate; break }
    }
    # The module's part: src/*.cs (CippJson.cs, CippNativeResolve.cs, CippRequestCommand.cs, CippCommandRequest.cs),
    # compiled into the same assembly.
    $json = [System.IO.Path]::Combine($ModuleRoot, 'src', 'CippJson.cs')
    if (-not $bindingDir -or -not [System.IO.File]::Exists($json)) {
        throw [System.IO.FileNotFoundException]::new(
            "CIPPAPIModule: the C# binding was not found: no usable '$shipped' (with '$marker' naming a .NET major " +
            "<= $netMajor), and not both the binding sources ('$([System.IO.Path]::Combine($ModuleRoot, 'lib', 'CippApi.cs'))' " +
            "or bindings/csharp/ in a source checkout) and '$json'. The module package is incomplete; reinstall it.")
    }
    $sources = [System.Collections.Generic.List[string]]::new([System.IO.Directory]::GetFiles($bindingDir, '*.cs'))
    $sources.Sort([System.StringComparer]::Ordinal)
    $own = [System.IO.Directory]::GetFiles([System.IO.Path]::GetDirectoryName($json), '*.cs')
    [System.Array]::Sort($own, [System.StringComparer]::Ordinal)
    $sources.AddRange($own)
    $hasher = [System.Security.Cryptography.IncrementalHash]::CreateHash([System.Security.Cryptography.HashAlgorithmName]::SHA256)
    foreach ($file in $sources) {
        $hasher.AppendData([System.Text.Encoding]::UTF8.GetBytes([System.IO.Path]::GetFileName($file) + "`n"))
        $hasher.AppendData([System.IO.File]::ReadAllBytes($file))
    }
    $hash = [Convert]::ToHexString($hasher.GetHashAndReset(), 0, 8).ToLowerInvariant()
    $dir = [System.IO.Path]::Combine((Get-CIPPBindingCacheRoot), "$hash-net$netMajor")
    $dll = [System.IO.Path]::Combine($dir, 'CippApi.dll')
    if ([System.IO.File]::Exists($dll)) {
        $null = [System.Reflection.Assembly]::LoadFrom($dll)
        return $dll
    }

    # Concurrent first imports each compile to their own temporary file, then rename; the first rename wins.
    $tmp = [System.IO.Path]::Combine($dir, "CippApi.$PID.$([guid]::NewGuid().ToString('N')).tmp.dll")
    try {
        $null = [System.IO.Directory]::CreateDirectory($dir)
        $probe = "$tmp.probe"
        [System.IO.File]::WriteAllBytes($probe, [byte[]]@())
        [System.IO.File]::Delete($probe)
    } catch {
        # The cache is not writable (read-only home, locked-down host): compile in memory, slower on every import.
        Write-Warning ("CIPPAPIModule: cannot write the compiled binding to '$dir' ($($_.Exception.Message)); " +
            'compiling it in memory for this session. Set CIPPAPI_CACHE_DIR to a writable folder to speed up imports.')
        Add-Type -Path $sources -ErrorAction Stop
        return 'memory'
    }
    # A pause of a second or more with no word would look like a hang: say once what happens and why it will not
    # happen again (information stream, so `6>$null` silences it; cached imports print nothing).
    Write-Host ("CIPPAPIModule: compiling the .NET binding once for this machine and .NET $netMajor (a few seconds); " +
        "later imports load it from '$dll'.")
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        Add-Type -Path $sources -OutputAssembly $tmp -OutputType Library -ErrorAction Stop
        Write-Verbose "CIPPAPIModule: compiled $($sources.Count) binding sources in $([int]$clock.Elapsed.TotalMilliseconds) ms."
        try {
            [System.IO.File]::Move($tmp, $dll)
        } catch [System.IO.IOException] {
            # Another import finished first (Windows refuses to replace an existing file): use its copy.
            if (-not [System.IO.File]::Exists($dll)) { throw }
        }
    } finally {
        if ([System.IO.File]::Exists($tmp)) { [System.IO.File]::Delete($tmp) }
    }
    $null = [System.Reflection.Assembly]::LoadFrom($dll)
    $dll
}

#endregion

$moduleRoot = $PSScriptRoot
$script:CIPPBindingSource = Import-CIPPBinding -ModuleRoot $moduleRoot
# The native library (what Get-CIPPNativeLibraryPath answers for this process), called directly: no function call.
try {
    $nativePath = [CippApi.CippNativeResolve]::LibraryPath($moduleRoot)
} catch [System.Management.Automation.MethodInvocationException] {
    throw (Get-CIPPInnerException $_.Exception)
} catch [System.Management.Automation.RuntimeException] {
    if ('CippApi.CippNativeResolve' -as [type]) { throw }
    throw [System.InvalidOperationException]::new(
        "CIPPAPIModule: this session already holds the C# binding of another version of the module (from " +
        "'$([CippApi.CippClient].Assembly.Location)'), without the native library resolver this version needs. " +
        'Start a new PowerShell session to import this version.', $_.Exception)
}

# (c) Point the binding at the library and check the ABI (throws with both version numbers on a mismatch).
try {
    [CippApi.CippNative]::LibraryPath = $nativePath
    [CippApi.CippNative]::EnsureLoaded()
} catch {
    $inner = Get-CIPPInnerException $_.Exception
    throw [System.InvalidOperationException]::new("CIPPAPIModule: $($inner.Message)", $inner)
}
$script:CIPPNativePath = $nativePath

# The per-module-instance client (set by Set-CIPPAPIDetails); without one, the process-wide client of the last
# Set-CIPPAPIDetails is used (Get-CIPPClientInstance), so other runspaces and a re-import keep working.
$script:CIPPClient = $null

# (d) Functions: the generated list of tenant commands (read by Private/Completion.ps1 at import), private helpers,
# the hand-written public commands, then the generated commands.
$generated = [System.IO.Path]::Combine($moduleRoot, 'Generated', 'CompletionCommands.ps1')
if ([System.IO.File]::Exists($generated)) { . $generated }
foreach ($folder in 'Private', 'Public') {
    $dir = [System.IO.Path]::Combine($moduleRoot, $folder)
    if ([System.IO.Directory]::Exists($dir)) {
        $files = [System.IO.Directory]::GetFiles($dir, '*.ps1')
        [System.Array]::Sort($files, [System.StringComparer]::Ordinal)
        foreach ($file in $files) {
            . $file
        }
    }
}
$generated = [System.IO.Path]::Combine($moduleRoot, 'Generated', 'Commands.ps1')
if ([System.IO.File]::Exists($generated)) { . $generated }
# (d) end (scripts/package.ps1 replaces the lines from "(d) Functions" to here with the files they load)

# A re-import (Import-Module -Force) or another runspace: the non-secret details of the last Set-CIPPAPIDetails.
$shared = [System.AppDomain]::CurrentDomain.GetData("$script:CIPPSharedClientSlot.Details")
if ($shared -is [object[]] -and $shared.Length -eq 3 -and (Get-CIPPClientOrNull)) { $script:CIPPClientID, $script:CIPPAPIUrl, $script:TenantID = $shared }

# Only the manifest's FunctionsToExport/AliasesToExport are exported. Imported through the manifest (the module
# then carries the manifest's PrivateData), PowerShell applies those lists itself to what a script module exports
# without Export-ModuleMember (its functions and aliases, no variables): calling it would cost ~10 ms for nothing,
# and reading the manifest here tens. Imported as a bare .psm1, the lists are read from the manifest.
if ($null -eq $ExecutionContext.SessionState.Module.PrivateData) {
    $manifest = Import-PowerShellDataFile -LiteralPath ([System.IO.Path]::Combine($moduleRoot, 'CIPPAPIModule.psd1'))
    Export-ModuleMember -Function @($manifest.FunctionsToExport) -Alias @($manifest.AliasesToExport) -Variable @() -Cmdlet @()
}

# (e) Release the native client when the module is removed, unless it is the process-wide one (other runspaces and
# the next import of the module use that one).
$ExecutionContext.SessionState.Module.OnRemove = {
    $client = $script:CIPPClient
    $script:CIPPClient = $null
    if ($client -and -not [object]::ReferenceEquals($client, [System.AppDomain]::CurrentDomain.GetData($script:CIPPSharedClientSlot))) {
        $client.Dispose()
    }
}

# Loader variables and the module-scope ErrorActionPreference go; through the engine API, not Remove-Variable: that
# cmdlet would autoload Microsoft.PowerShell.Utility on every import (a fifth to a third of the import time).
foreach ($name in 'moduleRoot', 'nativePath', 'folder', 'dir', 'files', 'file', 'generated', 'manifest', 'shared', 'name') {
    $ExecutionContext.SessionState.PSVariable.Remove($name)
}
$ExecutionContext.SessionState.PSVariable.Remove('ErrorActionPreference')
