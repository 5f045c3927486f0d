# Shared by the import-shape generators (community-shape.ps1, binary-shape.ps1): our exported commands as parsed
# function definitions, sorted by name, and the source manifest. Dot-source it; sets $manifest and $functions.
$source = [IO.Path]::Combine((Split-Path -Parent (Split-Path -Parent $PSScriptRoot)), 'powershell', 'CIPPAPIModule')
$manifest = Import-PowerShellDataFile (Join-Path $source 'CIPPAPIModule.psd1')
$exported = [Collections.Generic.HashSet[string]]::new([string[]]$manifest.FunctionsToExport, [StringComparer]::OrdinalIgnoreCase)
$files = @(Join-Path $source 'Generated/Commands.ps1') + @(Get-ChildItem (Join-Path $source 'Public') -Filter *.ps1 | ForEach-Object FullName)
$functions = foreach ($file in $files) {
    $ast = [Management.Automation.Language.Parser]::ParseFile($file, [ref]$null, [ref]$null)
    $ast.FindAll({ param($a) $a -is [Management.Automation.Language.FunctionDefinitionAst] -and $exported.Contains($a.Name) }, $false)
}
$functions = @($functions | Sort-Object Name -Unique)
