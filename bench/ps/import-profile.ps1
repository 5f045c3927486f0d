# Where Import-Module's time goes. Two steps, so that preparing the copy does not warm the engine that is measured:
#   pwsh -File import-profile.ps1 -Prepare   copies the module folder BENCH_MODULE_DIR (the packaged module) to
#       BENCH_PROFILE_DIR and inserts timing marks into the copy's loader (.psm1) and Private/Completion.ps1 at fixed
#       anchors (an anchor that is not found fails the run, so a changed loader cannot give a silent profile);
#       BENCH_WITH_FORMAT=1 also puts the format file in the copy's FormatsToProcess, as the manifest had it before
#       Get-CIPPEndpoint registered it on first use. Prints the copy's manifest path.
#   pwsh -File import-profile.ps1             in a fresh pwsh: imports BENCH_PROFILE_MANIFEST with nothing run before
#       (BENCH_WARM=1: after compiling and running one small advanced function, to show the engine's first-use
#       share) and prints each step's milliseconds.
param([switch]$Prepare)
if (-not $Prepare) {
    if ($env:BENCH_WARM -eq '1') {
        $f = [scriptblock]::Create('function Test-Warm { [CmdletBinding()] param([Parameter(Mandatory)][string]$Name, [int]$N = 1) "$Name$N" }; Test-Warm -Name x')
        $null = & $f
    }
    $global:CIPPProfileMarks = [Collections.Generic.List[object]]::new()
    $global:CIPPProfileClock = [Diagnostics.Stopwatch]::StartNew()
    Import-Module $env:BENCH_PROFILE_MANIFEST
    $total = $global:CIPPProfileClock.Elapsed.TotalMilliseconds
    $steps = [Collections.Generic.List[object]]::new()
    $previous = 0.0
    foreach ($m in $global:CIPPProfileMarks) { $steps.Add([ordered]@{ step = $m.step; ms = $m.ms - $previous }); $previous = $m.ms }
    $steps.Add([ordered]@{ step = 'after the .psm1: manifest exports, format data'; ms = $total - $previous })
    [pscustomobject]@{ total_ms = $total; steps = $steps } | ConvertTo-Json -Compress -Depth 4
    return
}
$ErrorActionPreference = 'Stop'
$src = $env:BENCH_MODULE_DIR
$dst = Join-Path $env:BENCH_PROFILE_DIR ([IO.Path]::GetFileName($src.TrimEnd('/')))
if (Test-Path $dst) { Remove-Item -Recurse -Force $dst }
$null = New-Item -ItemType Directory -Force (Split-Path -Parent $dst)
Copy-Item -Recurse $src $dst
# The package has its scripts inlined into the .psm1 (scripts/package.ps1); the profile times them file by file, so the
# copy gets the source tree's loader and folders back (same code, the layout before inlining).
$sourceModule = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../powershell/CIPPAPIModule'))
Copy-Item (Join-Path $sourceModule 'CIPPAPIModule.psm1') $dst -Force
foreach ($folder in 'Private', 'Public', 'Generated') { Copy-Item -Recurse (Join-Path $sourceModule $folder) $dst -Force }
$mark = { param($step) "`$global:CIPPProfileMarks.Add([pscustomobject]@{ step = $step; ms = `$global:CIPPProfileClock.Elapsed.TotalMilliseconds })" }
function Edit-Anchor([string]$Text, [string]$Anchor, [string]$Replacement) {
    $i = $Text.IndexOf($Anchor)
    if ($i -lt 0) { throw "profile anchor not found: $Anchor" }
    $Text.Substring(0, $i) + $Replacement + $Text.Substring($i + $Anchor.Length)
}
$psm1 = Join-Path $dst 'CIPPAPIModule.psm1'
$t = [IO.File]::ReadAllText($psm1)
$t = (& $mark "'manifest read, .psm1 parsed'") + "`n" + $t
$t = Edit-Anchor $t '$moduleRoot = $PSScriptRoot' ((& $mark "'loader functions defined'") + "`n`$moduleRoot = `$PSScriptRoot")
$t = Edit-Anchor $t '$script:CIPPBindingSource = Import-CIPPBinding -ModuleRoot $moduleRoot' ("`$script:CIPPBindingSource = Import-CIPPBinding -ModuleRoot `$moduleRoot`n" + (& $mark '"binding loaded ($([IO.Path]::GetFileName($script:CIPPBindingSource)))"'))
$t = Edit-Anchor $t '# (c) Point the binding' ((& $mark "'native library path resolved'") + "`n# (c) Point the binding")
$t = Edit-Anchor $t '$script:CIPPNativePath = $nativePath' ((& $mark "'native library loaded, ABI checked'") + "`n`$script:CIPPNativePath = `$nativePath")
$t = Edit-Anchor $t '. $file' ('. $file; ' + (& $mark '"dot-source $folder/$([IO.Path]::GetFileName($file))"'))
$t = Edit-Anchor $t '{ . $generated }' ('{ . $generated; ' + (& $mark "'dot-source Generated/CompletionCommands.ps1'") + ' }')
$t = Edit-Anchor $t '{ . $generated }' ('{ . $generated; ' + (& $mark "'dot-source Generated/Commands.ps1'") + ' }')
$t = Edit-Anchor $t '# (e) Release' ((& $mark "'shared details restored, exports (manifest lists)'") + "`n# (e) Release")
$t = Edit-Anchor $t 'foreach ($name in ''moduleRoot''' ((& $mark "'OnRemove handler set'") + "`nforeach (`$name in 'moduleRoot'")
$t = $t + "`n" + (& $mark "'loader variables removed'") + "`n"
[IO.File]::WriteAllText($psm1, $t)
$completion = Join-Path $dst 'Private/Completion.ps1'
$c = [IO.File]::ReadAllText($completion)
$c = Edit-Anchor $c "`nRegister-ArgumentCompleter" ("`n" + (& $mark "'dot-source Private/Completion.ps1 (definitions)'") + "`nRegister-ArgumentCompleter")
[IO.File]::WriteAllText($completion, $c + "`n" + (& $mark "'Register-ArgumentCompleter (7 calls)'") + "`n")
$manifest = Join-Path $dst 'CIPPAPIModule.psd1'
if ($env:BENCH_WITH_FORMAT -eq '1') {
    $m = [IO.File]::ReadAllText($manifest)
    [IO.File]::WriteAllText($manifest, (Edit-Anchor $m 'FormatsToProcess = @()' "FormatsToProcess = @('CIPPAPIModule.Format.ps1xml')"))
}
$manifest
