<#
.SYNOPSIS
Assembles the installable module folder dist/CIPPAPIModule/<version>/.

.DESCRIPTION
Builds the native library for this machine (release profile), then lays out a self-contained module:
the manifest, scripts, the C# binding sources (lib/*.cs: the .NET binding; src/*.cs: the module's own part) and a precompiled assembly of both (bin/CippApi.dll, with bin/CippApi.dll.netmajor naming the .NET
major it was built on), licences,
the changelog, and runtimes/<rid>/native/ for every native library found under -Runtimes (the output of
scripts/cross-build.sh or of the release workflow) plus this machine's own build. The result imports
from any path and is what Publish-PSResource accepts. The version comes from Cargo.toml and must
equal the manifest's ModuleVersion.

.PARAMETER OutputRoot
Folder that receives CIPPAPIModule/<version>/ (default: dist under the repository).

.PARAMETER Runtimes
Folder holding <rid>/native/<library> trees to include (default: dist/runtimes when it exists).

.PARAMETER SkipNativeBuild
Do not run cargo; use target/release as it is.

.EXAMPLE
pwsh scripts/package.ps1
#>
[CmdletBinding()]
param(
    [string]$OutputRoot,
    [string]$Runtimes,
    [switch]$SkipNativeBuild
)
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
if (-not $OutputRoot) { $OutputRoot = Join-Path $root 'dist' }
if (-not $Runtimes) { $Runtimes = Join-Path $root 'dist/runtimes' }

# One version: Cargo.toml's [package] version.
$cargo = Get-Content -Raw (Join-Path $root 'Cargo.toml')
if ($cargo -notmatch '(?ms)^\[package\].*?^version\s*=\s*"([^"]+)"') { throw 'No [package] version in Cargo.toml.' }
$version = $Matches[1]
$source = Join-Path $root 'powershell/CIPPAPIModule'
$manifest = Import-PowerShellDataFile (Join-Path $source 'CIPPAPIModule.psd1')
if ($manifest.ModuleVersion -ne $version) {
    throw "The manifest's ModuleVersion ($($manifest.ModuleVersion)) differs from Cargo.toml ($version); make them equal."
}

# This machine's runtime identifier and library file name.
$arch = [Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
if ($IsWindows) { $rid = "win-$arch"; $file = 'cippapi.dll' }
elseif ($IsMacOS) { $rid = "osx-$arch"; $file = 'libcippapi.dylib' }
else {
    # The C library of this process (musl may be installed beside glibc, so /lib/ld-musl-* proves nothing).
    $musl = [IO.File]::ReadAllText('/proc/self/maps').Contains('/ld-musl-')
    $rid = if ($musl) { "linux-musl-$arch" } else { "linux-$arch" }
    $file = 'libcippapi.so'
}
if (-not $SkipNativeBuild) {
    Write-Host "==> cargo build --release -p cippapi"
    & cargo build --release -p cippapi --manifest-path (Join-Path $root 'Cargo.toml')
    if ($LASTEXITCODE) { throw "cargo build failed ($LASTEXITCODE)." }
}
$hostLib = Join-Path $root "target/release/$file"
if (-not (Test-Path $hostLib)) { throw "No native library at $hostLib; run cargo build --release -p cippapi." }

$dest = Join-Path $OutputRoot "CIPPAPIModule/$version"
if (Test-Path $dest) { Remove-Item -Recurse -Force $dest }
$null = New-Item -ItemType Directory -Force $dest

foreach ($item in 'CIPPAPIModule.psd1', 'CIPPAPIModule.psm1', 'src', 'en-US') {
    Copy-Item -Recurse (Join-Path $source $item) $dest
}
Get-ChildItem $source -Filter '*.ps1xml' | Copy-Item -Destination $dest

# One script file: the loader's dot-sourcing block (between its "(d) Functions" and "(d) end" marks) is replaced by
# the files it would load, in the same order, so an import parses one file instead of a dozen (BENCHMARKS.md: 8-13 %
# of the import). The folders stay out of the package.
$psm1Path = Join-Path $dest 'CIPPAPIModule.psm1'
$loader = [IO.File]::ReadAllText($psm1Path)
$begin = $loader.IndexOf('# (d) Functions')
$endMark = '# (d) end'
$end = $loader.IndexOf($endMark)
if ($begin -lt 0 -or $end -lt $begin) { throw "CIPPAPIModule.psm1 lacks the '# (d) Functions' ... '$endMark' marks the packager inlines." }
# The loader's order: the completion list, Private/ then Public/ (each sorted ordinally), the generated commands.
$scripts = @(Join-Path $source 'Generated/CompletionCommands.ps1')
foreach ($folder in 'Private', 'Public') {
    $files = [IO.Directory]::GetFiles((Join-Path $source $folder), '*.ps1')
    [Array]::Sort($files, [StringComparer]::Ordinal)
    $scripts += $files
}
$scripts += Join-Path $source 'Generated/Commands.ps1'
$inlined = foreach ($file in $scripts) {
    "# ---- $([IO.Path]::GetRelativePath($source, $file).Replace('\', '/')) ----"
    [IO.File]::ReadAllText($file).TrimEnd()
}
$text = $loader.Substring(0, $begin) + "# (d) Functions, inlined by scripts/package.ps1 from the files named below.`n" +
    ($inlined -join "`n") + "`n" + $loader.Substring($loader.IndexOf("`n", $end) + 1)
$errors = $null
$null = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$null, [ref]$errors)
if ($errors) { throw "The inlined CIPPAPIModule.psm1 does not parse: $($errors[0].Message)" }
[IO.File]::WriteAllText($psm1Path, $text, [Text.UTF8Encoding]::new($false))
foreach ($doc in 'LICENSE-MIT', 'LICENSE-APACHE', 'CHANGELOG.md') { Copy-Item (Join-Path $root $doc) $dest }
Copy-Item (Join-Path $root 'powershell/COMPATIBILITY.md') $dest
$null = New-Item -ItemType Directory -Force (Join-Path $dest 'lib'), (Join-Path $dest 'bin')
Copy-Item (Join-Path $root 'bindings/csharp/*.cs') (Join-Path $dest 'lib')
# What the loader compiles when bin/CippApi.dll does not fit: the binding, then the module's part, each in ordinal
# order as the loader takes them.
$bindingSources = foreach ($folder in 'lib', 'src') {
    $files = [IO.Directory]::GetFiles((Join-Path $dest $folder), '*.cs')
    [Array]::Sort($files, [StringComparer]::Ordinal)
    $files
}

# Native libraries: everything cross-built, then this machine's build (which wins for its rid).
if (Test-Path $Runtimes) {
    foreach ($lib in Get-ChildItem -Recurse -File $Runtimes | Where-Object { $_.Directory.Name -eq 'native' }) {
        $ridDir = $lib.Directory.Parent.Name
        $target = Join-Path $dest "runtimes/$ridDir/native"
        $null = New-Item -ItemType Directory -Force $target
        Copy-Item $lib.FullName $target
    }
}
$target = Join-Path $dest "runtimes/$rid/native"
$null = New-Item -ItemType Directory -Force $target
Copy-Item $hostLib $target

# The precompiled binding: compiled in a child process so this session keeps no CippApi types.
$dll = Join-Path $dest 'bin/CippApi.dll'
$pwshExe = (Get-Process -Id $PID).Path
$quoted = ($bindingSources | ForEach-Object { "'" + ($_ -replace "'", "''") + "'" }) -join ', '
$compile = "Add-Type -Path $quoted -OutputAssembly '$($dll -replace "'", "''")' -OutputType Library; [Environment]::Version.Major"
$argsList = if ($pwshExe -match 'dotnet(\.exe)?$') { @([Environment]::GetCommandLineArgs()[0], '-NoProfile', '-NonInteractive', '-Command', $compile) } else { @('-NoProfile', '-NonInteractive', '-Command', $compile) }
$netMajor = & $pwshExe @argsList
if ($LASTEXITCODE -or -not (Test-Path $dll)) { throw 'Compiling the C# binding failed.' }
Set-Content -NoNewline -Path "$dll.netmajor" -Value ($netMajor | Select-Object -Last 1)

$null = Test-ModuleManifest -Path (Join-Path $dest 'CIPPAPIModule.psd1')
$runtimesList = (Get-ChildItem (Join-Path $dest 'runtimes') -Directory).Name -join ', '
Write-Host "==> CIPPAPIModule $version assembled in $dest (runtimes: $runtimesList)"
$dest
