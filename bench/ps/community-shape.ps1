# Generates the import baseline "community shape": the published layout of the module we replace (one .psm1 that
# holds every function, no loader, no binding, a manifest listing 289 functions and the aliases), built from OUR
# commands: each function keeps our comment-based help and param block verbatim and gets a body of the community's
# size (a verbose line, the endpoint, a parameter hashtable, one Invoke-CIPPRestMethod call). No community code is
# used. Writes <OutDir>/CIPPAPIModule/CIPPAPIModule.psd1 and .psm1 and prints the manifest's path.
param([Parameter(Mandatory)][string]$OutDir, [int]$Count = 289)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'our-commands.ps1')
$functions = @($functions | Select-Object -First $Count)
if ($functions.Count -ne $Count) { throw "only $($functions.Count) exported functions found, $Count wanted" }
$text = [Text.StringBuilder]::new()
foreach ($f in $functions) {
    $body = $f.Body
    $param = $body.ParamBlock
    $help = if ($param) { $body.Extent.Text.Substring(1, $param.Extent.StartOffset - $body.Extent.StartOffset - 1).Trim() } else { '' }
    $endpoint = if ($body.Extent.Text -match "-Endpoint '([^']+)'") { $Matches[1] } else { "/api/$($f.Name -replace '^\w+-CIPP', '')" }
    $names = if ($param) { @($param.Parameters | ForEach-Object { $_.Name.VariablePath.UserPath }) } else { @() }
    $null = $text.AppendLine("function $($f.Name) {").AppendLine("    $help")
    $null = $text.AppendLine("    $(if ($param) { $param.Extent.Text } else { '[CmdletBinding()] param()' })")
    $null = $text.AppendLine("    Write-Verbose 'Calling $endpoint'").AppendLine("    `$endpoint = '$endpoint'").AppendLine('    $params = @{')
    foreach ($n in $names) { $null = $text.AppendLine("        $n = `$$n") }
    $null = $text.AppendLine('    }').AppendLine('    Invoke-CIPPRestMethod -Endpoint $endpoint -Params $params').AppendLine('}').AppendLine()
}
$dir = Join-Path $OutDir 'CIPPAPIModule'
$null = New-Item -ItemType Directory -Force $dir
[IO.File]::WriteAllText((Join-Path $dir 'CIPPAPIModule.psm1'), $text.ToString())
$psd1 = Join-Path $dir 'CIPPAPIModule.psd1'
New-ModuleManifest -Path $psd1 -RootModule 'CIPPAPIModule.psm1' -ModuleVersion '1.2.12' -PowerShellVersion '7.0' `
    -FunctionsToExport @($functions.Name) -AliasesToExport @($manifest.AliasesToExport | Select-Object -First 10) `
    -CmdletsToExport @() -VariablesToExport '*' -Description 'Import baseline: the community layout, generated from our catalog'
$psd1
