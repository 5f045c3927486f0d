<#
.SYNOPSIS
Generates the CIPPAPIModule command functions and the manifest export lists from the command catalog.

.DESCRIPTION
Reads every powershell/catalog/commands/*.psd1 file (one entry per command: parameters, HTTP method, endpoint,
query/body mapping, help) plus powershell/catalog/ParameterHelp.psd1 (shared parameter descriptions), and writes:

  powershell/CIPPAPIModule/Generated/Commands.ps1   all generated functions (with comment-based help and aliases)
  powershell/CIPPAPIModule/Generated/CompletionCommands.ps1   the exported commands with -CustomerTenantID (tenant
                                                    completion; loaded before Private/Completion.ps1)
  powershell/CIPPAPIModule/CIPPAPIModule.psd1       FunctionsToExport / AliasesToExport (other keys are kept)

With -Check nothing is written; the script exits 1 when a generated file differs from what is committed.

Catalog entry keys (see powershell/catalog/README.md for the full description):
  Name, Folder, Synopsis, Description, Aliases, CompatAliases, ConfirmImpact, Export, HandWritten,
  Method, Endpoint, Parameters, Query, QueryIf, Body, BodyIf, ResultProperty, Validate, Handler, Output, Example,
  WhatIfTarget, Changes.

Commands that change something (`Changes = $true`; else an endpoint whose role in catalog/endpoints.tsv is not a
.Read role; for endpoints not in that file a method other than GET or a name not starting with List/Get) get
SupportsShouldProcess: with the entry's ConfirmImpact, else 'Low'.
#>
[CmdletBinding()]
param(
    # Compare instead of writing; exit code 1 on drift.
    [switch]$Check
)

Set-StrictMode -Version 1.0
$ErrorActionPreference = 'Stop'

$PowerShellRoot = Split-Path -Parent $PSScriptRoot
$CatalogDir = Join-Path $PowerShellRoot 'catalog'
$ModuleDir = Join-Path $PowerShellRoot 'CIPPAPIModule'
$GeneratedFile = Join-Path $ModuleDir 'Generated/Commands.ps1'
$CompletionFile = Join-Path $ModuleDir 'Generated/CompletionCommands.ps1'
$ManifestFile = Join-Path $ModuleDir 'CIPPAPIModule.psd1'
$NL = "`n"

#region catalog loading and validation
$commands = foreach ($file in Get-ChildItem -Path (Join-Path $CatalogDir 'commands') -Filter '*.psd1' | Sort-Object Name) {
    (Import-PowerShellDataFile -Path $file.FullName).Commands
}
$sharedHelp = (Import-PowerShellDataFile -Path (Join-Path $CatalogDir 'ParameterHelp.psd1')).Parameters

# Roles of the server endpoints (the native library's endpoint catalog, catalog/endpoints.tsv at the repository
# root): a role ending in .Read marks an endpoint that only reads, the same rule as the native read-only mode.
$endpointRoles = @{}
$endpointsFile = Join-Path (Split-Path -Parent $PowerShellRoot) 'catalog/endpoints.tsv'
foreach ($line in [System.IO.File]::ReadAllLines($endpointsFile) | Select-Object -Skip 1) {
    $cells = $line.Split("`t")
    if ($cells.Count -ge 3) { $endpointRoles[$cells[0].ToLowerInvariant()] = $cells[2] }
}

# Whether a command changes something: a catalog `Changes` flag; else, for an endpoint the catalog knows, a role
# that is not a read role (reads sent as POST, such as ListDirectoryObjects, do not count); else a method other
# than GET or a name that does not start with List or Get. Same rule as the native read-only mode.
function Test-ChangesSomething([hashtable]$Command) {
    if ($Command.ContainsKey('Changes')) { return [bool]$Command.Changes }
    if (-not $Command.Method -or -not $Command.Endpoint) { return $false }
    $name = ($Command.Endpoint -replace '^/api/', '').ToLowerInvariant()
    if ($endpointRoles.ContainsKey($name)) { return -not $endpointRoles[$name].EndsWith('.Read') }
    if (@($Command.Method -split ',' | Where-Object { $_.Trim() -ne 'GET' }).Count) { return $true }
    return $name -notmatch '^(list|get)'
}

$knownKeys = 'Name', 'Folder', 'Synopsis', 'Description', 'Aliases', 'CompatAliases', 'ConfirmImpact', 'Export',
'HandWritten', 'Method', 'Endpoint', 'Parameters', 'Query', 'QueryIf', 'Body', 'BodyIf', 'ResultProperty', 'Validate',
'Handler', 'Output', 'Example', 'WhatIfTarget', 'Changes', 'DefaultParameterSet'
$knownParamKeys = 'Name', 'Type', 'Mandatory', 'Default', 'ValidateSet', 'Sets', 'Position', 'Alias', 'ValidateRange',
'ValidateLength', 'ValidatePattern', 'ValidateScript', 'Help'
$typeNames = @{
    string = 'string'; int = 'int'; bool = 'bool'; switch = 'switch'; guid = 'guid'; datetime = 'datetime'
    timespan = 'timespan'; version = 'version'; array = 'array'; 'string[]' = 'string[]'; 'guid[]' = 'guid[]'
    hashtable = 'hashtable'; any = $null
}

# Private hook functions the catalog may name (Validate / Handler / Output, helpers used in expressions).
$privateFunctions = @{}
foreach ($file in Get-ChildItem -Path (Join-Path $ModuleDir 'Private') -Filter '*.ps1' -ErrorAction SilentlyContinue) {
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$null, [ref]$null)
    foreach ($fn in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false)) {
        $privateFunctions[$fn.Name] = $true
    }
}

$problems = [System.Collections.Generic.List[string]]::new()
function Add-Problem([string]$Command, [string]$Message) { $problems.Add("${Command}: $Message") }

function Test-Expression([string]$Command, [string]$Text, [string[]]$ParamNames) {
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref]$null, [ref]$errors)
    if ($errors) { Add-Problem $Command "expression does not parse: $Text"; return }
    $allowed = @('true', 'false', 'null', 'PSBoundParameters', '_') + $ParamNames
    foreach ($v in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.VariableExpressionAst] }, $true)) {
        if ($v.VariablePath.UserPath -notin $allowed) { Add-Problem $Command "expression uses unknown variable `$$($v.VariablePath.UserPath): $Text" }
    }
    foreach ($c in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        $name = $c.GetCommandName()
        if ($name -and $name -notmatch '^(Get-Date|New-Guid)$' -and -not $privateFunctions.ContainsKey($name)) {
            Add-Problem $Command "expression calls '$name', which is not a private module function"
        }
    }
}

$seen = @{}
foreach ($c in $commands) {
    foreach ($k in $c.Keys) { if ($k -notin $knownKeys) { Add-Problem $c.Name "unknown key '$k'" } }
    if ($seen.ContainsKey($c.Name)) { Add-Problem $c.Name 'duplicate command' }
    $seen[$c.Name] = $true
    if (-not $c.Synopsis) { Add-Problem $c.Name 'missing Synopsis' }
    if ($c.HandWritten) { continue }
    $paramNames = @(foreach ($p in @($c.Parameters)) { if ($p) { $p.Name } })
    foreach ($p in @($c.Parameters)) {
        if (-not $p) { continue }
        foreach ($k in $p.Keys) { if ($k -notin $knownParamKeys) { Add-Problem $c.Name "parameter $($p.Name): unknown key '$k'" } }
        if (-not $typeNames.ContainsKey($p.Type)) { Add-Problem $c.Name "parameter $($p.Name): unknown type '$($p.Type)'" }
    }
    if ($c.DefaultParameterSet) {
        $sets = @(foreach ($p in @($c.Parameters)) { foreach ($s in @($p.Sets)) { if ($s) { $s.TrimEnd('!') } } })
        if ($c.DefaultParameterSet -notin $sets) { Add-Problem $c.Name "DefaultParameterSet '$($c.DefaultParameterSet)' is not a parameter set of the command" }
    }
    if (-not $c.Handler) {
        if ($c.Method -notin 'GET', 'POST') { Add-Problem $c.Name "Method must be GET or POST (or name a Handler)" }
        if ($c.Endpoint -notmatch '^/api/') { Add-Problem $c.Name "Endpoint must start with /api/" }
    }
    foreach ($map in 'Query', 'QueryIf', 'Body', 'BodyIf') {
        if (-not $c.ContainsKey($map)) { continue }
        foreach ($entry in $c[$map].GetEnumerator()) {
            if ($entry.Value -is [hashtable]) {
                Test-Expression $c.Name $entry.Value.If $paramNames
                Test-Expression $c.Name $entry.Value.Value $paramNames
            } else {
                Test-Expression $c.Name $entry.Value $paramNames
            }
        }
    }
    foreach ($hook in 'Validate', 'Handler', 'Output') {
        if ($c.ContainsKey($hook) -and -not $privateFunctions.ContainsKey($c[$hook])) {
            Add-Problem $c.Name "$hook hook '$($c[$hook])' is not defined in Private/*.ps1"
        }
    }
}
#endregion

#region code generation
function Format-Literal([string]$Text) { "'" + $Text.Replace("'", "''") + "'" }

# Parameter help: the catalog entry's Help, then the shared dictionary, then a line derived from the mapping.
function Get-ParameterHelp($Command, $Param) {
    if ($Param.Help) { return $Param.Help }
    if ($sharedHelp.ContainsKey($Param.Name)) { return $sharedHelp[$Param.Name] }
    $words = ($Param.Name -creplace '([a-z])([A-Z])', '$1 $2')
    $uses = [System.Collections.Generic.List[string]]::new()
    $inCondition = $false
    $ref = "\`$$([regex]::Escape($Param.Name))\b"
    foreach ($map in 'Query', 'QueryIf', 'Body', 'BodyIf') {
        if (-not $Command.ContainsKey($map)) { continue }
        foreach ($key in $Command[$map].Keys | Sort-Object) {
            $entry = $Command[$map][$key]
            $value = if ($entry -is [hashtable]) { $entry.Value } else { $entry }
            if ($entry -is [hashtable] -and $entry.If -match $ref) { $inCondition = $true }
            if ($value -match $ref) {
                $where = if ($map -like 'Query*') { 'query' } else { 'body' }
                $when = if ($map -like '*If') { ' (only in some cases)' } else { '' }
                $uses.Add("sent as $where key '$key'$when")
            }
        }
    }
    if (-not $uses.Count -and $inCondition) { return "$words. Decides which keys the request carries." }
    if ($uses.Count) { return "$words; $($uses -join ', ')." }
    if ($Command.Handler) { return "$words." }
    return "$words. Accepted for compatibility with CIPPAPIModule 1.2.12; not sent."
}

function Get-ExampleValue($Param) {
    if ($Param.ValidateSet) { return Format-Literal $Param.ValidateSet[0] }
    switch ($Param.Type) {
        'int' { if ($Param.ValidateRange) { return [string]$Param.ValidateRange[0] } return '1' }
        'bool' { return '$true' }
        'switch' { return $null }
        'guid' { return "'00000000-0000-0000-0000-000000000001'" }
        'guid[]' { return "'00000000-0000-0000-0000-000000000001'" }
        'datetime' { return '(Get-Date).AddDays(1)' }
        'timespan' { return '(New-TimeSpan -Days 1)' }
        'version' { return "'1.0.0'" }
        'hashtable' { return '@{}' }
    }
    if ($Param.Name -match 'TenantI[dD]$|TenantDefaultDomain|DefaultDomain|^TenantFilter$') { return "'contoso.onmicrosoft.com'" }
    if ($Param.Name -match 'UPN|UserPrincipalName|Email|Mailbox|^User$|UserID$|^Owner$') { return "'user@contoso.com'" }
    return "'$($Param.Name.ToLowerInvariant())'"
}

function Get-Example($Command) {
    if ($Command.Example) { return $Command.Example }
    $params = @($Command.Parameters | Where-Object { $_ })
    $firstSet = ($params | Where-Object { $_.Sets } | Select-Object -First 1).Sets | Select-Object -First 1
    $firstSet = if ($firstSet) { $firstSet.TrimEnd('!') }
    $parts = foreach ($p in $params) {
        $required = $p.Mandatory -or ($p.Sets -and "$firstSet!" -in $p.Sets)
        if (-not $required) { continue }
        $v = Get-ExampleValue $p
        if ($null -eq $v) { "-$($p.Name)" } else { "-$($p.Name) $v" }
    }
    (@($Command.Name) + @($parts)) -join ' '
}

# The managed-tenant parameter of a command (the first one named like a tenant parameter), or $null. It takes
# tenants from the pipeline by property name, under the property names of CIPP's tenant objects (ListTenants:
# defaultDomainName, customerId), so `Get-CIPPTenants | Get-CIPPUsers` runs once per tenant.
$TenantParameterNames = 'CustomerTenantID', 'TenantFilter', 'CustomerTenantDefaultDomain', 'CustomerDefaultDomain', 'TenantID'
function Get-TenantParameter($Command) {
    @($Command.Parameters | Where-Object { $_ -and $_.Name -in $TenantParameterNames }) | Select-Object -First 1
}
# Aliases for the tenant parameter: a [guid] parameter only takes customerId; an alias that another parameter of the
# command already uses (Get-CIPPServiceHealth -DefaultDomainName) is left out.
function Get-TenantAliases($Command, $Param) {
    $taken = @(foreach ($q in @($Command.Parameters)) { if ($q -and $q -ne $Param) { $q.Name; $q.Alias } })
    $candidates = if ($Param.Type -in 'guid', 'guid[]') { @('customerId') } else { @('defaultDomainName', 'customerId') }
    @($candidates | Where-Object { $_ -notin $taken })
}

function Get-ParamBlock($Command) {
    $tenant = Get-TenantParameter $Command
    $lines = foreach ($p in @($Command.Parameters)) {
        if (-not $p) { continue }
        $attrs = [System.Collections.Generic.List[string]]::new()
        $pos = if ($p.ContainsKey('Position')) { ", Position = $($p.Position)" } else { '' }
        $isTenant = $p -eq $tenant
        $pipe = if ($isTenant) { ', ValueFromPipelineByPropertyName = $true' } else { '' }
        if ($p.Sets) {
            foreach ($s in $p.Sets) {
                $mand = if ($s.EndsWith('!')) { 'Mandatory = $true, ' } else { '' }
                $attrs.Add("[Parameter(${mand}ParameterSetName = $(Format-Literal $s.TrimEnd('!'))$pos$pipe)]")
            }
        } elseif ($p.Mandatory -or $pos -or $pipe) {
            $inner = @(if ($p.Mandatory) { 'Mandatory = $true' }) + @(if ($pos) { $pos.TrimStart(', ') }) + @(if ($pipe) { $pipe.TrimStart(', ') })
            $attrs.Add("[Parameter($($inner -join ', '))]")
        }
        $aliases = @(@($p.Alias) + @(if ($isTenant) { Get-TenantAliases $Command $p }) | Where-Object { $_ })
        if ($aliases) { $attrs.Add("[Alias($(($aliases | ForEach-Object { Format-Literal $_ }) -join ', '))]") }
        if ($p.ValidateSet) { $attrs.Add("[ValidateSet($((@($p.ValidateSet) | ForEach-Object { Format-Literal $_ }) -join ', '))]") }
        if ($p.ValidateRange) { $attrs.Add("[ValidateRange($($p.ValidateRange[0]), $($p.ValidateRange[1]))]") }
        if ($p.ValidateLength) { $attrs.Add("[ValidateLength($($p.ValidateLength[0]), $($p.ValidateLength[1]))]") }
        if ($p.ValidatePattern) { $attrs.Add("[ValidatePattern($(Format-Literal $p.ValidatePattern))]") }
        if ($p.ValidateScript) { $attrs.Add("[ValidateScript({ $($p.ValidateScript) })]") }
        $type = if ($typeNames[$p.Type]) { "[$($typeNames[$p.Type])]" } else { '' }
        $default = if ($p.ContainsKey('Default')) { " = $($p.Default)" } else { '' }
        ((@($attrs) + "$type`$$($p.Name)$default") | ForEach-Object { "        $_" }) -join $NL
    }
    if (-not $lines) { return '    param()' }
    "    param(" + $NL + ($lines -join ",$NL$NL") + $NL + "    )"
}

function Get-MapCode([hashtable]$Command, [string]$Var, [string]$Map) {
    $code = [System.Collections.Generic.List[string]]::new()
    $fixed = if ($Command.ContainsKey($Map)) { $Command[$Map] } else { @{} }
    if ($fixed.Count -eq 0) {
        $code.Add("    `$$Var = @{}")
    } else {
        $code.Add("    `$$Var = @{")
        foreach ($k in $fixed.Keys | Sort-Object) { $code.Add("        $(Format-Literal $k) = $($fixed[$k])") }
        $code.Add('    }')
    }
    if ($Command.ContainsKey("${Map}If")) {
        $cond = $Command["${Map}If"]
        foreach ($k in $cond.Keys | Sort-Object) {
            $e = $cond[$k]
            if ($e -is [hashtable]) { $if = $e.If; $value = $e.Value } else { $if = $e; $value = $e }
            $code.Add("    if ($if) { `$$Var[$(Format-Literal $k)] = $value }")
        }
    }
    $code
}

function Get-FunctionText([hashtable]$Command) {
    $params = @($Command.Parameters | Where-Object { $_ })
    $help = [System.Text.StringBuilder]::new()
    [void]$help.AppendLine('    <#').AppendLine('    .SYNOPSIS').AppendLine("    $($Command.Synopsis)").AppendLine()
    [void]$help.AppendLine('    .DESCRIPTION')
    if ($Command.Description) { foreach ($l in $Command.Description -split "`r?`n") { [void]$help.AppendLine("    $l") } }
    if ($Command.Method -and $Command.Endpoint) {
        [void]$help.AppendLine("    Sends $($Command.Method -replace ',', ' or ') $($Command.Endpoint) to the CIPP API through Invoke-CIPPRestMethod.")
    } elseif (-not $Command.Description) {
        [void]$help.AppendLine("    $($Command.Synopsis)")
    }
    if ($Command.ResultProperty) { [void]$help.AppendLine("    Returns the '$($Command.ResultProperty)' property of the response.") }
    [void]$help.AppendLine()
    foreach ($p in $params) {
        [void]$help.AppendLine("    .PARAMETER $($p.Name)").AppendLine("    $(Get-ParameterHelp $Command $p)").AppendLine()
    }
    [void]$help.AppendLine('    .EXAMPLE').AppendLine("    $(Get-Example $Command)").AppendLine()
    [void]$help.AppendLine('    .NOTES').AppendLine("    Generated from the CIPPAPIModule command catalog ($($Command.Folder)).").AppendLine('    #>')

    # ShouldProcess: the 1.2.12 commands with their ConfirmImpact, and every other command that changes something
    # with ConfirmImpact Low (never prompts under the default $ConfirmPreference = 'High').
    $impact = if ($Command.ConfirmImpact) { $Command.ConfirmImpact } elseif (Test-ChangesSomething $Command) { 'Low' } else { $null }
    $bindingArgs = @(
        if ($Command.DefaultParameterSet) { "DefaultParameterSetName = $(Format-Literal $Command.DefaultParameterSet)" }
        if ($impact) { 'SupportsShouldProcess = $true'; "ConfirmImpact = '$impact'" }
    )
    $binding = "[CmdletBinding($($bindingArgs -join ', '))]"
    $mandatory = ($params | Where-Object Mandatory | Select-Object -First 1).Name
    $target = if ($Command.WhatIfTarget) { $Command.WhatIfTarget } elseif ($mandatory) { '$' + $mandatory } elseif ($Command.Endpoint) { Format-Literal $Command.Endpoint } else { Format-Literal $Command.Name }
    $operation = if ($Command.Method -and $Command.Endpoint) { "$($Command.Method -replace ',', ' or ') $($Command.Endpoint)" } else { $Command.Name }
    # With -WhatIf the call goes ahead under $WhatIfPreference: Invoke-CIPPRestMethod prints the exact request
    # (URL, headers, body) and sends nothing. Otherwise ShouldProcess decides (-Confirm).
    $guard = "if (`$WhatIfPreference -or `$PSCmdlet.ShouldProcess([string]$target, $(Format-Literal $operation))) {"

    $aliases = @($Command.Aliases) + @($Command.CompatAliases) | Where-Object { $_ }

    $body = [System.Collections.Generic.List[string]]::new()
    $hookArgs = '-Values $values -Bound $PSBoundParameters'
    if ($Command.Validate -or $Command.Handler) {
        $pairs = foreach ($p in $params) { "$(Format-Literal $p.Name) = `$$($p.Name)" }
        $body.Add("    `$values = @{ $($pairs -join '; ') }")
    }
    if ($Command.Validate) { $body.Add("    $($Command.Validate) $hookArgs") }
    if ($Command.Handler) {
        if ($impact) {
            $body.Add("    $guard")
            $body.Add("        $($Command.Handler) $hookArgs")
            $body.Add('    }')
        } else {
            $body.Add("    $($Command.Handler) $hookArgs")
        }
    } else {
        $call = "Invoke-CIPPRestMethod -Endpoint $(Format-Literal $Command.Endpoint) -Method $(Format-Literal $Command.Method)"
        if ($Command.ContainsKey('Query') -or $Command.ContainsKey('QueryIf')) {
            foreach ($l in Get-MapCode $Command 'params' 'Query') { $body.Add($l) }
            $call += ' -Params $params'
        }
        if ($Command.ContainsKey('Body') -or $Command.ContainsKey('BodyIf')) {
            foreach ($l in Get-MapCode $Command 'body' 'Body') { $body.Add($l) }
            $call += ' -Body $body'
        }
        if ($Command.ResultProperty) { $call = "($call).$($Command.ResultProperty)" }
        elseif ($Command.Output) { $call = "$($Command.Output) -Response @($call)" }
        if ($impact) {
            $body.Add("    $guard")
            $body.Add("        $call")
            $body.Add('    }')
        } else {
            $body.Add("    $call")
        }
    }

    $out = [System.Text.StringBuilder]::new()
    [void]$out.AppendLine("function $($Command.Name) {").Append($help.ToString()).AppendLine("    $binding")
    if ($aliases) { [void]$out.AppendLine("    [Alias($((@($aliases) | ForEach-Object { Format-Literal $_ }) -join ', '))]") }
    [void]$out.AppendLine((Get-ParamBlock $Command))
    [void]$out.AppendLine()
    if (Get-TenantParameter $Command) {
        # Pipeline input: one request per piped tenant.
        [void]$out.AppendLine('    process {')
        foreach ($l in $body) { [void]$out.AppendLine("    $l") }
        [void]$out.AppendLine('    }')
    } else {
        foreach ($l in $body) { [void]$out.AppendLine($l) }
    }
    [void]$out.AppendLine('}')
    $out.ToString().Replace("`r`n", $NL)
}
#endregion

$generated = [System.Text.StringBuilder]::new()
[void]$generated.Append(@'
# <auto-generated>
# This file is generated by powershell/tools/Build-Commands.ps1 from powershell/catalog/. Do not edit it by hand:
# change the catalog (or a hook in Private/) and run
#     pwsh -NoProfile -File powershell/tools/Build-Commands.ps1
# CI runs the same script with -Check and fails when this file is out of date.
# </auto-generated>

'@.Replace("`r`n", $NL))
$exported = [System.Collections.Generic.List[string]]::new()
$aliasList = [System.Collections.Generic.List[string]]::new()
foreach ($c in $commands | Sort-Object Name) {
    if ($c.ContainsKey('Export') -and -not $c.Export) { } else { $exported.Add($c.Name) }
    foreach ($a in @($c.Aliases) + @($c.CompatAliases)) { if ($a) { $aliasList.Add($a) } }
    if ($c.HandWritten) { continue }
    try {
        [void]$generated.Append($NL).Append((Get-FunctionText $c))
    } catch {
        Add-Problem $c.Name "generation failed: $_"
    }
}

if ($problems.Count) {
    $problems | ForEach-Object { Write-Error $_ -ErrorAction Continue }
    throw "Catalog has $($problems.Count) problem(s); nothing written."
}

# Exported commands with -CustomerTenantID, for the tenant completer: generated ones from the catalog, hand-written
# ones (Public/*.ps1) from their param blocks. A static list: finding them at import would cost tens of milliseconds.
$tenantCommands = [System.Collections.Generic.List[string]]::new()
$handWritten = @{}
foreach ($file in Get-ChildItem -Path (Join-Path $ModuleDir 'Public') -Filter '*.ps1' -ErrorAction SilentlyContinue) {
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$null, [ref]$null)
    foreach ($fn in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false)) {
        $block = if ($fn.Body.ParamBlock) { $fn.Body.ParamBlock.Parameters } else { $fn.Parameters }
        $handWritten[$fn.Name] = @($block | ForEach-Object { $_.Name.VariablePath.UserPath })
    }
}
foreach ($c in $commands | Sort-Object Name) {
    if ($c.ContainsKey('Export') -and -not $c.Export) { continue }
    $names = if ($c.HandWritten) { $handWritten[$c.Name] } else { @($c.Parameters | Where-Object { $_ } | ForEach-Object Name) }
    if (@($names) -contains 'CustomerTenantID') { $tenantCommands.Add($c.Name) }
}
$completionText = @'
# <auto-generated>
# Generated by powershell/tools/Build-Commands.ps1 from powershell/catalog/ (and the param blocks of Public/*.ps1).
# Do not edit by hand. The exported commands with -CustomerTenantID; Private/Completion.ps1 registers the tenant
# completer for them.
# </auto-generated>
$script:CIPPCustomerTenantCommands = @(

'@.Replace("`r`n", $NL) + (($tenantCommands | ForEach-Object { "    $(Format-Literal $_)" }) -join $NL) + $NL + ')' + $NL

$generatedText = $generated.ToString()
$errors = $null
[void][System.Management.Automation.Language.Parser]::ParseInput($generatedText, [ref]$null, [ref]$errors)
if ($errors) { throw "Generated code does not parse: $($errors[0].Message) at line $($errors[0].Extent.StartLineNumber)" }

#region manifest
function Format-List([string]$Key, [string[]]$Items) {
    "    $Key = @(" + $NL + (($Items | Sort-Object | ForEach-Object { "        $(Format-Literal $_)" }) -join $NL) + $NL + "    )"
}
$manifestTemplate = @'
@{
    RootModule = 'CIPPAPIModule.psm1'
    ModuleVersion = '2.0.0'
    # Same GUID as the community module 1.2.12, so RequiredModules pins by GUID resolve to this replacement.
    GUID = '7a30dce3-8696-410b-84cc-4f3ca97b4202'
    Author = 'CIPPAPIModule contributors'
    CompanyName = 'CIPPAPIModule contributors'
    Copyright = '(c) CIPPAPIModule contributors.'
    Description = 'PowerShell module for the CIPP API on a native core; drop-in replacement for the community CIPPAPIModule 1.2.12. By CIPPAPIModule contributors.'
    PowerShellVersion = '7.0'
    # Generated lists (powershell/tools/Build-Commands.ps1); no wildcards.
    FunctionsToExport = @()
    CmdletsToExport = @()
    VariablesToExport = @()
    AliasesToExport = @()
    PrivateData = @{
        PSData = @{
            Tags = @('CIPP', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri = 'https://example.invalid/LICENSE'
            ProjectUri = 'https://example.invalid/CIPPAPIModule'
        }
    }
}
'@.Replace("`r`n", $NL)
$manifestText = if (Test-Path $ManifestFile) { [System.IO.File]::ReadAllText($ManifestFile).Replace("`r`n", $NL) } else { $manifestTemplate }
foreach ($pair in @(@('FunctionsToExport', $exported), @('AliasesToExport', $aliasList))) {
    $pattern = "(?ms)^[ \t]*$($pair[0])\s*=\s*@\((?:[^()]|\([^()]*\))*\)"
    if ($manifestText -notmatch $pattern) { throw "Manifest has no $($pair[0]) = @(...) entry." }
    $replacement = Format-List $pair[0] $pair[1]
    $manifestText = [regex]::Replace($manifestText, $pattern, { param($m) $replacement }, 'None')
}
#endregion

$outputs = @(@($GeneratedFile, $generatedText), @($CompletionFile, $completionText), @($ManifestFile, $manifestText))
$drift = $false
foreach ($o in $outputs) {
    $current = if (Test-Path $o[0]) { [System.IO.File]::ReadAllText($o[0]).Replace("`r`n", $NL) } else { $null }
    if ($current -ceq $o[1]) { continue }
    if ($Check) {
        Write-Warning "Out of date: $($o[0]) (run powershell/tools/Build-Commands.ps1)"
        $drift = $true
    } else {
        [System.IO.File]::WriteAllText($o[0], $o[1], [System.Text.UTF8Encoding]::new($false))
        Write-Verbose "Wrote $($o[0])" -Verbose
    }
}
Write-Verbose "$($exported.Count) exported functions, $($aliasList.Count) aliases" -Verbose
if ($Check -and $drift) { exit 1 }
