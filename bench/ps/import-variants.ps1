# Prototypes of import remedies, to measure their gain before anyone changes the module: copies the packaged module
# BENCH_MODULE_DIR into BENCH_VARIANTS_DIR/<variant>/ with one loader change each and prints the manifests as JSON.
# The copies are for timing only (each variant fails the run if its anchor is missing):
#   packaged        unchanged
#   no-utility      the loader's final Remove-Variable calls (the first Microsoft.PowerShell.Utility cmdlet of an
#                   import, which autoloads that module) replaced by $ExecutionContext.SessionState.PSVariable.Remove
#   direct-native   no-utility, and the native library path taken directly from runtimes/<this rid>/ (no
#                   Get-CIPPNativeRid/Test-CIPPMusl advanced-function calls): the upper bound of resolving it in C#
#   one-file        direct-native, and every Private/Public/Generated .ps1 inlined into the .psm1 (one parse, no
#                   dot-sourcing), as a package build step could do
#   floor           not a remedy: a manifest and a .psm1 with one empty function, the engine's own cost of an import
# All three remedies have landed in the module (BENCHMARKS.md "Import"); a variant whose change is already in the
# package is a copy of it (reported on stderr), so the section still runs and reads "no change".
$ErrorActionPreference = 'Stop'
function Edit-Anchor([string]$Text, [string]$Anchor, [string]$Replacement, [string]$Variant) {
    $i = $Text.IndexOf($Anchor)
    if ($i -lt 0) { [Console]::Error.WriteLine("variant $Variant`: already in the package (no '$Anchor')"); return $Text }
    $Text.Substring(0, $i) + $Replacement + $Text.Substring($i + $Anchor.Length)
}
$src = $env:BENCH_MODULE_DIR
$result = [ordered]@{}
$text = [IO.File]::ReadAllText((Join-Path $src 'CIPPAPIModule.psm1'))
$removeVars = 'Remove-Variable -Name moduleRoot, nativePath, folder, dir, files, file, generated, manifest -ErrorAction Ignore'
$noUtility = Edit-Anchor -Variant no-utility $text $removeVars "foreach (`$name in 'moduleRoot', 'nativePath', 'folder', 'dir', 'files', 'file', 'generated', 'manifest', 'name') { `$ExecutionContext.SessionState.PSVariable.Remove(`$name) }"
$noUtility = Edit-Anchor -Variant no-utility $noUtility "`nRemove-Variable -Name ErrorActionPreference" "`n`$ExecutionContext.SessionState.PSVariable.Remove('ErrorActionPreference')"
$rid = (Get-ChildItem (Join-Path $src 'runtimes') -Directory | Select-Object -First 1).Name
$lib = (Get-ChildItem (Join-Path $src "runtimes/$rid/native") -File | Select-Object -First 1).Name
$directNative = Edit-Anchor -Variant direct-native $noUtility '$nativePath = Get-CIPPNativeLibraryPath -ModuleRoot $moduleRoot' "`$nativePath = [System.IO.Path]::Combine(`$moduleRoot, 'runtimes', '$rid', 'native', '$lib')"
if (Test-Path (Join-Path $src 'Private')) {
    $inline = [Text.StringBuilder]::new()
    foreach ($folder in 'Private', 'Public') {
        $files = [IO.Directory]::GetFiles((Join-Path $src $folder), '*.ps1'); [Array]::Sort($files, [StringComparer]::Ordinal)
        foreach ($f in $files) { $null = $inline.AppendLine([IO.File]::ReadAllText($f)) }
    }
    $null = $inline.AppendLine([IO.File]::ReadAllText((Join-Path $src 'Generated/Commands.ps1')))
    $loopStart = $directNative.IndexOf("foreach (`$folder in 'Private', 'Public')")
    $loopEnd = $directNative.IndexOf('if ([System.IO.File]::Exists($generated)) { . $generated }')
    if ($loopStart -lt 0 -or $loopEnd -lt 0) { throw 'variant anchor not found: the dot-source loop' }
    $loopEnd += 'if ([System.IO.File]::Exists($generated)) { . $generated }'.Length
    $oneFile = $directNative.Substring(0, $loopStart) + $inline.ToString() + $directNative.Substring($loopEnd)
} else {
    [Console]::Error.WriteLine('variant one-file: already in the package (no Private/ folder)')
    $oneFile = $directNative
}
foreach ($v in @(@('packaged', $text), @('no-utility', $noUtility), @('direct-native', $directNative), @('one-file', $oneFile))) {
    $dst = Join-Path $env:BENCH_VARIANTS_DIR $v[0]
    if (Test-Path $dst) { Remove-Item -Recurse -Force $dst }
    $null = New-Item -ItemType Directory -Force $dst
    Copy-Item -Recurse (Join-Path $src '*') $dst
    [IO.File]::WriteAllText((Join-Path $dst 'CIPPAPIModule.psm1'), $v[1])
    $result[$v[0]] = Join-Path $dst 'CIPPAPIModule.psd1'
}
$floor = Join-Path $env:BENCH_VARIANTS_DIR 'floor'
$null = New-Item -ItemType Directory -Force $floor
[IO.File]::WriteAllText((Join-Path $floor 'CIPPAPIModule.psm1'), "function Get-CIPPFloor { [CmdletBinding()] param([string]`$Name) `$Name }`n")
New-ModuleManifest -Path (Join-Path $floor 'CIPPAPIModule.psd1') -RootModule 'CIPPAPIModule.psm1' -ModuleVersion '0.0.1' -FunctionsToExport 'Get-CIPPFloor' -CmdletsToExport @() -VariablesToExport @() -AliasesToExport @()
$result['floor'] = Join-Path $floor 'CIPPAPIModule.psd1'
[pscustomobject]$result | ConvertTo-Json -Compress
