# Generates the import floor of a compiled module, the shape issue 14 item 4 points to: one assembly holding a cmdlet
# per exported command of ours (same names, each parameter of the command's param block as a property of its type
# name, SupportsShouldProcess where the command has it; bodies empty: this measures what the engine pays to load and
# register them), a manifest with RootModule = the assembly, an explicit CmdletsToExport list, the aliases, and our
# format file. Timing only: nothing in it can call CIPP. Writes <OutDir>/CIPPAPIModule/ and prints the manifest path.
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
Copy-Item (Join-Path $source 'CIPPAPIModule.Format.ps1xml') $dir
$psd1 = Join-Path $dir 'CIPPAPIModule.psd1'
New-ModuleManifest -Path $psd1 -RootModule 'CippShape.dll' -ModuleVersion '2.0.0' -PowerShellVersion '7.0' `
    -CmdletsToExport @($functions.Name) -AliasesToExport @($manifest.AliasesToExport) -FunctionsToExport @() `
    -VariablesToExport @() -FormatsToProcess 'CIPPAPIModule.Format.ps1xml' -Description 'Import floor of a compiled module of our commands'
$psd1
