# CIPPAPIModule loader: finds the native cippapi library, loads the C# binding (CippApi), checks the ABI, then
# dot-sources the functions and exports exactly the manifest's lists. Any failure fails the import.
#
# Binding load order (fastest first):
#   1. type CippApi.CippClient already in the process (re-import, another runspace) -> reuse;
#   2. bin/CippApi.dll in the module folder, when bin/CippApi.dll.netmajor names a .NET major <= the running one;
#   3. a per-user cache of the binding compiled once from its source (lib/CippApi.cs in a package,
#      ../../bindings/csharp/CippApi.cs in a source checkout) for this source hash and .NET major.
#
# Environment variables: CIPPAPI_NATIVE_PATH (native library file; overrides runtimes/<rid>/native/),
# CIPPAPI_CACHE_DIR (folder for the compiled binding).

# Stop on any error while loading. This module-scope copy is removed at the end so that module functions keep
# seeing the caller's preference.
$ErrorActionPreference = 'Stop'

#region native library

function Get-CIPPNativeRid {
    # The runtime identifier folder name under runtimes/, e.g. linux-x64, linux-musl-arm64, win-x64, osx-arm64.
    $info = [System.Runtime.InteropServices.RuntimeInformation]
    $arch = switch ($info::ProcessArchitecture) {
        'X64' { 'x64' }
        'X86' { 'x86' }
        'Arm64' { 'arm64' }
        'Arm' { 'arm' }
        default { $_.ToString().ToLowerInvariant() }
    }
    if ($IsWindows) { return "win-$arch" }
    if ($IsMacOS) { return "osx-$arch" }
    $os = 'linux'
    if (Test-CIPPMusl) { $os = 'linux-musl' }
    "$os-$arch"
}

function Test-CIPPMusl {
    # musl (Alpine) needs its own build. Cheap checks first (no cmdlets: each costs milliseconds when cold);
    # `ldd --version` (a process start) only when the file system gives no answer.
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    if ($rid -match 'musl|alpine') { return $true }
    # The C library this process actually runs on: a glibc machine may have musl installed beside it
    # (musl-tools), so the presence of /lib/ld-musl-* alone proves nothing.
    try {
        $maps = [System.IO.File]::ReadAllText('/proc/self/maps')
        if ($maps.Contains('/ld-musl-')) { return $true }
        if ($maps.Contains('/libc.so.6') -or $maps.Contains('/ld-linux')) { return $false }
    } catch {
        Write-Verbose "CIPPAPIModule: /proc/self/maps unreadable ($($_.Exception.Message)); guessing the C library from /lib."
    }
    foreach ($dir in '/lib64', '/lib', '/usr/lib64', '/usr/lib') {
        if ([System.IO.Directory]::Exists($dir) -and
            [System.IO.Directory]::GetFiles($dir, 'ld-linux*', [System.IO.SearchOption]::TopDirectoryOnly).Length -gt 0) {
            return $false
        }
    }
    if ([System.IO.Directory]::Exists('/lib') -and [System.IO.Directory]::GetFiles('/lib', 'ld-musl-*').Length -gt 0) {
        return $true
    }
    $ldd = Get-Command -Name ldd -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($ldd) {
        $text = (& $ldd.Source --version 2>&1 | Out-String)
        return $text -match 'musl'
    }
    $false
}

function Get-CIPPNativeLibraryPath {
    param([string]$ModuleRoot)
    $override = $env:CIPPAPI_NATIVE_PATH
    if (-not [string]::IsNullOrWhiteSpace($override)) {
        $full = [System.IO.Path]::GetFullPath($override)
        if (-not [System.IO.File]::Exists($full)) {
            throw [System.IO.FileNotFoundException]::new(
                "CIPPAPIModule: CIPPAPI_NATIVE_PATH names '$full', which does not exist. Point it at the cippapi " +
                'native library file (cippapi.dll, libcippapi.so or libcippapi.dylib) or remove the variable.', $full)
        }
        return $full
    }
    $rid = Get-CIPPNativeRid
    $file = if ($IsWindows) { 'cippapi.dll' } elseif ($IsMacOS) { 'libcippapi.dylib' } else { 'libcippapi.so' }
    $path = [System.IO.Path]::Combine($ModuleRoot, 'runtimes', $rid, 'native', $file)
    if (-not [System.IO.File]::Exists($path)) {
        throw [System.IO.FileNotFoundException]::new(
            "CIPPAPIModule: the native library for this platform (runtime identifier '$rid') was not found at " +
            "'$path'. This package has no build for '$rid'; install a package that includes it, or set " +
            'CIPPAPI_NATIVE_PATH to a cippapi library file built for this platform.', $path)
    }
    $path
}

#endregion

#region C# binding

function Get-CIPPBindingCacheRoot {
    if (-not [string]::IsNullOrWhiteSpace($env:CIPPAPI_CACHE_DIR)) { return $env:CIPPAPI_CACHE_DIR }
    $base = if ($IsWindows -and $env:LOCALAPPDATA) { $env:LOCALAPPDATA }
    elseif ($env:XDG_CACHE_HOME) { $env:XDG_CACHE_HOME }
    else { [System.IO.Path]::Combine([Environment]::GetFolderPath('UserProfile'), '.cache') }
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

    # 3. Compile the source once per source hash and .NET major into the user's cache.
    $source = $null
    foreach ($candidate in [System.IO.Path]::Combine($ModuleRoot, 'lib', 'CippApi.cs'),
        [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($ModuleRoot, '..', '..', 'bindings', 'csharp', 'CippApi.cs'))) {
        if ([System.IO.File]::Exists($candidate)) { $source = $candidate; break }
    }
    if (-not $source) {
        throw [System.IO.FileNotFoundException]::new(
            "CIPPAPIModule: the C# binding was not found: no usable '$shipped' (with '$marker' naming a .NET major " +
            "<= $netMajor), no '$([System.IO.Path]::Combine($ModuleRoot, 'lib', 'CippApi.cs'))' and no " +
            "bindings/csharp/CippApi.cs in a source checkout. The module package is incomplete; reinstall it.")
    }
    $code = [System.IO.File]::ReadAllText($source)
    $sha = [System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($code))
    $hash = [Convert]::ToHexString($sha, 0, 8).ToLowerInvariant()
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
        Add-Type -TypeDefinition $code -ErrorAction Stop
        return 'memory'
    }
    try {
        Add-Type -TypeDefinition $code -OutputAssembly $tmp -OutputType Library -ErrorAction Stop
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
$nativePath = Get-CIPPNativeLibraryPath -ModuleRoot $moduleRoot
$script:CIPPBindingSource = Import-CIPPBinding -ModuleRoot $moduleRoot

# (c) Point the binding at the library and check the ABI (throws with both version numbers on a mismatch).
try {
    [CippApi.CippNative]::LibraryPath = $nativePath
    [CippApi.CippNative]::EnsureLoaded()
} catch {
    $inner = $_.Exception
    while ($inner -is [System.Management.Automation.MethodInvocationException] -or
        $inner -is [System.Management.Automation.SetValueInvocationException]) {
        if (-not $inner.InnerException) { break }
        $inner = $inner.InnerException
    }
    throw [System.InvalidOperationException]::new("CIPPAPIModule: $($inner.Message)", $inner)
}
$script:CIPPNativePath = $nativePath

# The per-module-instance client (set by Set-CIPPAPIDetails); without one, the process-wide client of the last
# Set-CIPPAPIDetails is used (Get-CIPPClientInstance), so other runspaces and a re-import keep working.
$script:CIPPClient = $null

# (d) Functions: private helpers, the hand-written public commands, then the generated commands.
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

# A re-import (Import-Module -Force) or another runspace: the non-secret details of the last Set-CIPPAPIDetails.
$shared = [System.AppDomain]::CurrentDomain.GetData("$script:CIPPSharedClientSlot.Details")
if ($shared -is [object[]] -and $shared.Length -eq 3 -and (Get-CIPPClientOrNull)) { $script:CIPPClientID, $script:CIPPAPIUrl, $script:TenantID = $shared }

# Only the manifest's FunctionsToExport/AliasesToExport are exported. Imported through the manifest (the module
# then carries the manifest's PrivateData), PowerShell applies those lists itself; reading the manifest here would
# cost tens of milliseconds. Imported as a bare .psm1, the lists are read from the manifest.
if ($null -ne $ExecutionContext.SessionState.Module.PrivateData) {
    Export-ModuleMember -Function * -Alias * -Variable @() -Cmdlet @()
} else {
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

Remove-Variable -Name moduleRoot, nativePath, folder, dir, files, file, generated, manifest, shared -ErrorAction Ignore
Remove-Variable -Name ErrorActionPreference
