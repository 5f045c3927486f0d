# Generates the import floor of a compiled module, the shape issue 14 item 4 points to: one assembly holding a cmdlet
# per exported command of ours (same names, each parameter of the command's param block as a property of its type
# name, SupportsShouldProcess where the command has it; bodies empty: this measures what the engine pays to load and
# register them), imported three ways:
#   compiled  <OutDir>/CIPPAPIModule/: a manifest as the package's (explicit CmdletsToExport, the aliases; format data
#             on first use, as the package does it)
#   minimal   <OutDir>/minimal/CIPPAPIModule/: the same assembly behind the smallest manifest PowerShell accepts for an
#             installable module (RootModule, ModuleVersion, GUID, export lists): the floor of any module with a manifest
#   dll       the assembly imported by path, no manifest (not installable: no version, no GUID)
# Timing only: nothing in it can call CIPP. Prints the three paths as one JSON object.
param([Parameter(Mandatory)][string]$OutDir)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'our-commands.ps1')
$code = [Text.StringBuilder]::new()
$null = $code.AppendLine('using System; using System.Management.Automation; namespace CippShape {')
$i = 0
foreach ($f in $functions) {
    $verb, $noun = $f.Name -split '-', 2
    $param = $f.Body.ParamBlock
    $should = $f.Body.Extent.Text -match 'SupportsShouldProcess'
    $null = $code.AppendLine("[Cmdlet(""$verb"", ""$noun""$(if ($should) { ', SupportsShouldProcess = true' }))] public sealed class C$i : PSCmdlet {")
    foreach ($p in @($param.Parameters)) {
        if (-not $p) { continue }
        $type = if ($p.StaticType -eq [switch]) { 'SwitchParameter' } elseif ($p.StaticType.IsValueType -or $p.StaticType -eq [string]) { $p.StaticType.FullName } else { 'object' }
        $mandatory = $p.Extent.Text -match 'Mandatory\s*=\s*\$true'
        $null = $code.AppendLine("[Parameter($(if ($mandatory) { 'Mandatory = true' }))] public $type $($p.Name.VariablePath.UserPath) { get; set; }")
    }
    $null = $code.AppendLine('protected override void ProcessRecord() { } }')
    $i++
}
$null = $code.AppendLine('}')
$dir = Join-Path $OutDir 'CIPPAPIModule'
# A fresh folder each run: Add-Type -OutputAssembly does not overwrite an assembly.
if (Test-Path $dir) { Remove-Item -Recurse -Force $dir }
$null = New-Item -ItemType Directory -Force $dir
Add-Type -TypeDefinition $code.ToString() -OutputAssembly (Join-Path $dir 'CippShape.dll') -OutputType Library
$psd1 = Join-Path $dir 'CIPPAPIModule.psd1'
New-ModuleManifest -Path $psd1 -RootModule 'CippShape.dll' -ModuleVersion '2.0.0' -PowerShellVersion '7.0' `
    -CmdletsToExport @($functions.Name) -AliasesToExport @($manifest.AliasesToExport) -FunctionsToExport @() `
    -VariablesToExport @() -Description 'Import floor of a compiled module of our commands'
$minimal = Join-Path $OutDir 'minimal/CIPPAPIModule'
if (Test-Path $minimal) { Remove-Item -Recurse -Force $minimal }
$null = New-Item -ItemType Directory -Force $minimal
Copy-Item (Join-Path $dir 'CippShape.dll') $minimal
$minimalPsd1 = Join-Path $minimal 'CIPPAPIModule.psd1'
[IO.File]::WriteAllText($minimalPsd1, "@{ RootModule = 'CippShape.dll'; ModuleVersion = '2.0.0'; GUID = '$([guid]::NewGuid())'; CmdletsToExport = '*'; FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }`n")
[pscustomobject]@{ compiled = $psd1; minimal = $minimalPsd1; dll = Join-Path $dir 'CippShape.dll' } | ConvertTo-Json -Compress
