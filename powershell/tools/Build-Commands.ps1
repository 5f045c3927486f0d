<#
.SYNOPSIS
Generates the CIPPAPIModule command functions and the manifest export lists from the command catalog.

.DESCRIPTION
Reads every powershell/catalog/commands/*.psd1 file (one entry per command: parameters, HTTP method, endpoint,
query/body mapping, help) plus powershell/catalog/ParameterHelp.psd1 (shared parameter descriptions), and writes:

  powershell/CIPPAPIModule/Generated/Commands.ps1   all generated functions (with aliases; help is external)
  powershell/CIPPAPIModule/Generated/CompletionCommands.ps1   the exported commands with -CustomerTenantID (tenant
                                                    completion; loaded before Private/Completion.ps1)
  powershell/CIPPAPIModule/en-US/CIPPAPIModule-help.xml   help of the generated commands (MAML, read by Get-Help)
  powershell/CIPPAPIModule/CIPPAPIModule.psd1       FunctionsToExport / AliasesToExport (other keys are kept)

With -Check nothing is written; the script exits 1 when a generated file differs from what is committed.

Catalog entry keys (see powershell/catalog/README.md for the full description):
  Name, Folder, Synopsis, Description, Aliases, CompatAliases, ConfirmImpact, Export, HandWritten,
  Method, Endpoint, Parameters, Query, QueryIf, Body, BodyIf, ResultProperty, Validate, Handler, Output, Example,
  WhatIfTarget, Changes, DefaultParameterSet, Outputs.

Commands that change something (`Changes = $true`; else an endpoint whose role in catalog/endpoints.tsv is not a
.Read role; for endpoints not in that file a name not starting with List/Get: the library's read-only rule) get
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
$HelpFile = Join-Path $ModuleDir 'en-US/CIPPAPIModule-help.xml'
$ManifestFile = Join-Path $ModuleDir 'CIPPAPIModule.psd1'
$NL = "`n"

#region catalog loading and validation
$commands = foreach ($file in Get-ChildItem -Path (Join-Path $CatalogDir 'commands') -Filter '*.psd1' | Sort-Object Name) {
    (Import-PowerShellDataFile -Path $file.FullName).Commands
}
$sharedHelp = (Import-PowerShellDataFile -Path (Join-Path $CatalogDir 'ParameterHelp.psd1')).Parameters
# What each endpoint does and what it answers (derived from CIPP's OpenAPI spec, tools/derive-endpoint-help.py).
$endpointHelp = (Import-PowerShellDataFile -Path (Join-Path $CatalogDir 'EndpointHelp.psd1')).Endpoints
$endpointUse = @{}
foreach ($c in $commands) { if ($c.Endpoint) { $endpointUse[$c.Endpoint] = 1 + [int]$endpointUse[$c.Endpoint] } }

# Roles of the server endpoints (the native library's endpoint catalog, catalog/endpoints.tsv at the repository
# root): a role ending in .Read marks an endpoint that only reads, the same rule as the native read-only mode.
$endpointRoles = @{}
$endpointsFile = Join-Path (Split-Path -Parent $PowerShellRoot) 'catalog/endpoints.tsv'
foreach ($line in [System.IO.File]::ReadAllLines($endpointsFile) | Select-Object -Skip 1) {
    $cells = $line.Split("`t")
    if ($cells.Count -ge 3) { $endpointRoles[$cells[0].ToLowerInvariant()] = $cells[2] }
}

# Whether a command changes something: a catalog `Changes` flag; else the native read-only mode's rule (the owner:
# src/catalog.rs is_read_call) on the endpoint: for an endpoint the catalog knows, a role that is not a read role
# (reads sent as POST, such as ListDirectoryObjects, do not count), else a name that does not start with List or Get.
# Generator.Tests.ps1 checks every generated command against the library's answer.
function Test-ChangesSomething([hashtable]$Command) {
    if ($Command.ContainsKey('Changes')) { return [bool]$Command.Changes }
    if (-not $Command.Method -or -not $Command.Endpoint) { return $false }
    $name = ($Command.Endpoint -replace '^/api/', '').ToLowerInvariant()
    if ($endpointRoles.ContainsKey($name)) { return -not $endpointRoles[$name].EndsWith('.Read') }
    return $name -notmatch '^(list|get)'
}

$knownKeys = 'Name', 'Folder', 'Synopsis', 'Description', 'Aliases', 'CompatAliases', 'ConfirmImpact', 'Export',
'HandWritten', 'Method', 'Endpoint', 'Parameters', 'Query', 'QueryIf', 'Body', 'BodyIf', 'ResultProperty', 'Validate',
'Handler', 'Output', 'Example', 'WhatIfTarget', 'Changes', 'DefaultParameterSet', 'Outputs'
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

# The managed-tenant parameter of a command (the first one named like a tenant parameter), or $null. It takes
# tenants from the pipeline by property name, under the property names of CIPP's tenant objects (ListTenants:
# defaultDomainName, customerId), so `Get-CIPPTenants | Get-CIPPUsers` runs once per tenant.
# Names of customer-tenant parameters: the first one of a command binds piped tenants (aliases, examples); every
# one of them gets tenant completion.
$TenantParameterNames = 'CustomerTenantID', 'TenantFilter', 'CustomerTenantDefaultDomain', 'CustomerDefaultDomain', 'TenantID', 'DefaultDomainName'
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

# Words of a name: 'GroupTemplate' -> 'group template', acronyms kept ('MFA users', 'BPA').
function Get-Words([string]$Name) {
    $parts = [regex]::Split($Name, '(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_')
    (@($parts | Where-Object { $_ } | ForEach-Object { if ($_ -cmatch '^[A-Z0-9]{2,}s?$') { $_ } else { $_.ToLowerInvariant() } }) -join ' ')
}
# What the command is about, from its noun: 'Remove-CIPPGroupTemplate' -> 'group template'.
function Get-NounWords($Command) { Get-Words (($Command.Name -split '-', 2)[1] -replace '^CIPP(Get|Set|List)?', '') }

# Parameter help: the catalog entry's Help, then the shared dictionary, then a sentence derived from the name, the
# type and the validation (what the value means, not where it goes on the wire).
function Get-ParameterHelp($Command, $Param) {
    if ($Param.Help) { return $Param.Help }
    if ($sharedHelp.ContainsKey($Param.Name)) { return $sharedHelp[$Param.Name] }
    $noun = Get-NounWords $Command
    $name = $Param.Name
    $words = Get-Words $name
    $text = switch -Regex ($name) {
        '^Identity$' { if ($noun -match 'mailbox|hold|archive|folder|calendar|user|quota|forwarding') { 'The mailbox: user principal name, alias or object ID.'; break } }
        '^(Id|ID|Guid|GUID|Identity)$' { "The ID of the $noun to act on, as CIPP lists it."; break }
        '^(.+?)(Id|ID|Guid|GUID)$' { "The ID of the $(Get-Words $Matches[1])."; break }
        '^(.*)(UPN|Upn)$' { $what = if ($Matches[1]) { Get-Words $Matches[1] } else { 'user' }; "The user principal name (sign-in address) of the $what."; break }
        '^DisplayName$' { "The display name of the $noun."; break }
        '^Description$' { "A description of the $noun."; break }
        '^Name$' { "The name of the $noun."; break }
        '(Email|Address)$' { "The $words (an email address)."; break }
        '^Days$' { 'The number of days to look back.'; break }
        default {
            switch ($Param.Type) {
                'switch' { "When present: $words." }
                'bool' { "`$true to $words, `$false not to." }
                'int' { "The $words (a number)." }
                'datetime' { "The $words (a date and time; [datetime] or a date string)." }
                'timespan' { "The $words (a time span, for example (New-TimeSpan -Days 7))." }
                { $_ -in 'array', 'string[]', 'guid[]' } { "One or more $words." }
                'hashtable' { "The $words, as a hashtable." }
                default { "The $words." }
            }
        }
    }
    if ($Param.ValidateSet) { $text += " One of: $(@($Param.ValidateSet) -join ', ')." }
    if ($Param.ValidateRange) { $text += " From $($Param.ValidateRange[0]) to $($Param.ValidateRange[1])." }
    if ($Param.ContainsKey('Default') -and $Param.Type -ne 'switch') { $text += " Default: $($Param.Default)." }
    if ($Param -eq (Get-TenantParameter $Command)) { $text += ' Also taken from piped tenant objects (defaultDomainName, customerId).' }
    $text
}

$ExampleGuid = "'3f2c7a9e-5b1d-4c8e-9a6f-2d4b8e1c7f05'"
function Get-ExampleValue($Command, $Param) {
    if ($Param.ValidateSet) { return Format-Literal $Param.ValidateSet[0] }
    $noun = Get-NounWords $Command
    switch ($Param.Type) {
        'int' {
            if ($Param.ValidateRange -and (25 -lt $Param.ValidateRange[0] -or 25 -gt $Param.ValidateRange[1])) { return [string]$Param.ValidateRange[0] }
            return '25'
        }
        'bool' { return '$true' }
        'switch' { return $null }
        'guid' { return $ExampleGuid }
        'guid[]' { return $ExampleGuid }
        'datetime' { return '(Get-Date).AddDays(7)' }
        'timespan' { return '(New-TimeSpan -Days 7)' }
        'version' { return "'1.0.0'" }
        'hashtable' { return '@{}' }
    }
    switch -Regex ($Param.Name) {
        'TenantI[dD]$|TenantDefaultDomain|DefaultDomain|^TenantFilter$' { return "'contoso.onmicrosoft.com'" }
        'UPN|UserPrincipalName|Email|Mailbox|^User$|UserI[dD]$|^Owner$|^Manager$|Address$|AccessTo|^ForwardTo$' { return "'adele.vance@contoso.onmicrosoft.com'" }
        '^Domain$' { return "'contoso.com'" }
        '^DisplayName$' { if ($noun -match 'user|guest|contact') { return "'Adele Vance'" } return "'Contoso Sales'" }
        '^(First)?Name$' { if ($noun -match 'user|guest|contact') { return "'Adele'" } return "'Contoso Baseline'" }
        '^LastName$' { return "'Vance'" }
        '^User[nN]ame$' { return "'adele.vance'" }
        '(Id|ID|Guid|GUID)$|^Identity$' { return $ExampleGuid }
        'Url|URL' { return "'https://contoso.sharepoint.com/sites/sales'" }
        'Template' { return "'Contoso Baseline'" }
    }
    "'$((Get-Words $Param.Name) -replace ' ', '-')'"
}

# The parameter set an example uses: the default set, else the first one named.
function Get-ExampleSet($Command) {
    if ($Command.DefaultParameterSet) { return $Command.DefaultParameterSet }
    $first = (@($Command.Parameters | Where-Object { $_ -and $_.Sets }) | Select-Object -First 1).Sets | Select-Object -First 1
    if ($first) { $first.TrimEnd('!') }
}

# The required arguments of an example (optionally without the tenant parameter, for pipeline examples).
function Get-ExampleArguments($Command, [switch]$WithoutTenant) {
    $set = Get-ExampleSet $Command
    $tenant = Get-TenantParameter $Command
    @(foreach ($p in @($Command.Parameters | Where-Object { $_ })) {
            $required = $p.Mandatory -or ($p.Sets -and "$set!" -in $p.Sets)
            if (-not $required -and -not ($p -eq $tenant -and -not $WithoutTenant)) { continue }
            if ($WithoutTenant -and $p -eq $tenant) { continue }
            $v = Get-ExampleValue $Command $p
            if ($null -eq $v) { "-$($p.Name)" } else { "-$($p.Name) $v" }
        })
}

# Two examples per command (code, what it does): the basic call, then -WhatIf for commands that change something,
# else a pipeline of tenants for commands that take one, else a formatted read.
function Get-Examples($Command, [bool]$Changes) {
    $tenant = Get-TenantParameter $Command
    $basic = if ($Command.Example) { $Command.Example } else { (@($Command.Name) + (Get-ExampleArguments $Command)) -join ' ' }
    $where = if ($tenant) { ' for the tenant contoso.onmicrosoft.com' } else { '' }
    $firstText = if ($Changes) { "Makes the change$where and returns CIPP's answer." } else { "Returns what CIPP reports$where." }
    $examples = @(, @($basic, $firstText))
    if ($Changes) {
        $examples += , @("$basic -WhatIf", 'Prints the exact request (method, URL, JSON body) without sending it; nothing changes.')
    }
    elseif ($tenant) {
        # A hand-written example keeps its other arguments (some commands need more than the mandatory ones).
        $call = if ($Command.Example) { ($Command.Example -replace " -$($tenant.Name) ('[^']*'|\S+)", '') }
        else { (@($Command.Name) + (Get-ExampleArguments $Command -WithoutTenant)) -join ' ' }
        $examples += , @("Get-CIPPTenants | Where-Object defaultDomainName -like '*.onmicrosoft.com' | $call",
            'Runs once per tenant CIPP manages: each piped tenant object binds the tenant parameter by its defaultDomainName.')
    }
    if (@($Command.Parameters | Where-Object { $_ -and $_.Name -eq 'UseReportDB' }).Count) {
        $examples += , @("$($Command.Name) -CustomerTenantID 'AllTenants' -UseReportDB",
            "Reads the cached data of every tenant from CIPP's report database in one call.")
    }
    if ($examples.Count -lt 2) {
        $examples += , @("$basic | Format-List", "Shows every property of CIPP's answer.")
    }
    $examples
}

# .OUTPUTS text from the shape of the endpoint's answer (catalog/EndpointHelp.psd1, derived from CIPP's spec).
function Get-OutputsText($Command) {
    if ($Command.Outputs) { return $Command.Outputs }
    if ($Command.ResultProperty) { return "PSCustomObject. The items in the $($Command.ResultProperty) property of CIPP's answer, one object each." }
    $info = if ($Command.Endpoint) { $endpointHelp[($Command.Endpoint -replace '^/api/', '')] }
    switch ($info.Returns) {
        'Array' {
            $props = if ($info.Properties) { ", with properties such as $($info.Properties)" } else { '' }
            return "PSCustomObject. One object per item CIPP returns$props."
        }
        'Results' { return "PSCustomObject. CIPP's answer; its Results property says what was done (or why not)." }
        'GraphResults' { return "PSCustomObject. CIPP's answer: Results (the Microsoft Graph items) and Metadata." }
        'Object' {
            $props = if ($info.Properties) { ", with properties such as $($info.Properties)" } else { '' }
            return "PSCustomObject. CIPP's answer$props."
        }
    }
    "PSCustomObject. CIPP's answer as parsed JSON; a JSON array is written to the pipeline item by item."
}

# Synopsis: the catalog's, unless it only restates the command name and the spec says what the endpoint does
# (endpoints only this command calls; a shared one such as ListGraphRequest describes nothing specific).
function Get-Synopsis($Command) {
    $info = if ($Command.Endpoint) { $endpointHelp[($Command.Endpoint -replace '^/api/', '')] }
    $generic = $Command.Synopsis.ToLowerInvariant().Contains((Get-NounWords $Command).ToLowerInvariant())
    if ($generic -and $info.Description -and $endpointUse[$Command.Endpoint] -eq 1) {
        $sentence = [regex]::Match($info.Description, '^.+?\.(?=\s|$)').Value
        if (-not $sentence) { $sentence = $info.Description.TrimEnd() + '.' }
        return ($sentence -replace '^(.)', { $_.Value.ToUpperInvariant() })
    }
    $Command.Synopsis
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

# A request command's catalog entry as CippCommandRequest reads it: the request, its maps (keys sorted, as the
# hashtable literals were written) and, for a command that changes something, the ShouldProcess target and operation.
function Get-RequestEntry([hashtable]$Command, [string]$Target, [string]$Operation) {
    $entry = [ordered]@{ Method = $Command.Method; Endpoint = $Command.Endpoint }
    foreach ($map in 'Query', 'Body') {
        if (-not ($Command.ContainsKey($map) -or $Command.ContainsKey("${map}If"))) { continue }
        foreach ($name in $map, "${map}If") {
            $source = if ($Command.ContainsKey($name)) { $Command[$name] } else { @{} }
            if ($name -ne $map -and $source.Count -eq 0) { continue }
            $sorted = [ordered]@{}
            foreach ($k in $source.Keys | Sort-Object) {
                $e = $source[$k]
                $sorted[$k] = if ($e -is [hashtable]) { [ordered]@{ If = $e.If; Value = $e.Value } } else { $e }
            }
            $entry[$name] = $sorted
        }
    }
    if ($Target) { $entry.Target = $Target; $entry.Operation = $Operation }
    $entry | ConvertTo-Json -Compress -Depth 4
}

# External help (MAML, en-US/CIPPAPIModule-help.xml): Get-Help reads it on demand, so the help text costs nothing
# at import, unlike comment-based help, which is parsed with the script every time the module loads.
$HelpModels = [System.Collections.Generic.List[object]]::new()
$mamlTypes = @{
    string = 'String'; int = 'Int32'; bool = 'Boolean'; switch = 'SwitchParameter'; guid = 'Guid'; datetime = 'DateTime'
    timespan = 'TimeSpan'; version = 'Version'; array = 'Object[]'; 'string[]' = 'String[]'; 'guid[]' = 'Guid[]'
    hashtable = 'Hashtable'; any = 'Object'
}

function New-HelpModel([hashtable]$Command, $Impact, [string]$Operation) {
    $params = @($Command.Parameters | Where-Object { $_ })
    $info = if ($Command.Endpoint) { $endpointHelp[($Command.Endpoint -replace '^/api/', '')] }
    $description = [System.Collections.Generic.List[string]]::new()
    $text = if ($Command.Description) { $Command.Description }
    elseif ($info.Description -and $endpointUse[$Command.Endpoint] -eq 1) { $info.Description }
    else { $Command.Synopsis }
    foreach ($l in $text -split "`r?`n") { $description.Add($l) }
    if ($Command.Method -and $Command.Endpoint) { $description.Add("CIPP API call: $Operation.") }
    if ($Command.ResultProperty) { $description.Add("Returns the '$($Command.ResultProperty)' property of the response.") }
    if ($Impact) { $description.Add('-WhatIf prints the exact request and sends nothing; -Confirm asks first.') }
    $tenant = Get-TenantParameter $Command
    if ($tenant) { $description.Add('Tenants can be piped in (Get-CIPPTenants output): one request per tenant.') }
    # PowerShell positions: explicit ones when any parameter names a Position or a set, else declaration order.
    $explicit = @($params | Where-Object { $_.ContainsKey('Position') -or $_.Sets }).Count -gt 0
    $next = 0
    $paramModels = foreach ($p in $params) {
        $pos = if ($explicit) { if ($p.ContainsKey('Position')) { [string]$p.Position } else { 'named' } }
        elseif ($p.Type -eq 'switch') { 'named' } else { [string]($next++) }
        [pscustomobject]@{
            Name = $p.Name; Type = $mamlTypes[$p.Type]; Help = (Get-ParameterHelp $Command $p); Position = $pos
            Mandatory = [bool]$p.Mandatory; Sets = @($p.Sets | Where-Object { $_ }); Pipeline = ($p -eq $tenant)
            Default = if ($p.ContainsKey('Default')) { [string]$p.Default } else { 'None' }; IsSwitch = ($p.Type -eq 'switch')
        }
    }
    $outputs = Get-OutputsText $Command
    $HelpModels.Add([pscustomobject]@{
            Name = $Command.Name; Synopsis = (Get-Synopsis $Command); Description = @($description)
            Parameters = @($paramModels); Examples = @(Get-Examples $Command ([bool]$Impact))
            OutputType = ($outputs -split '\. ', 2)[0].TrimEnd('.'); OutputText = ($outputs -split '\. ', 2)[-1]
            ShouldProcess = [bool]$Impact
        })
}

function Get-MamlText {
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = $NL
    # A StringWriter would declare utf-16; the file is written as UTF-8, so the declaration is written by hand.
    $settings.OmitXmlDeclaration = $true
    $buffer = [System.IO.StringWriter]::new()
    $w = [System.Xml.XmlWriter]::Create($buffer, $settings)
    $maml = 'http://schemas.microsoft.com/maml/2004/10'
    $cmd = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    $para = { param($ns, $local, [string[]]$lines) $w.WriteStartElement('maml', $local, $maml); foreach ($l in $lines) { $w.WriteElementString('maml', 'para', $maml, $l) }; $w.WriteEndElement() }
    $w.WriteComment(' Generated by powershell/tools/Build-Commands.ps1 from powershell/catalog/. Do not edit by hand. ')
    $w.WriteStartElement('helpItems', 'http://msh')
    $w.WriteAttributeString('schema', 'maml')
    foreach ($h in $HelpModels | Sort-Object Name) {
        $w.WriteStartElement('command', 'command', $cmd)
        $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
        $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
        $w.WriteStartElement('command', 'details', $cmd)
        $w.WriteElementString('command', 'name', $cmd, $h.Name)
        $w.WriteElementString('command', 'verb', $cmd, ($h.Name -split '-', 2)[0])
        $w.WriteElementString('command', 'noun', $cmd, ($h.Name -split '-', 2)[1])
        & $para $maml 'description' @($h.Synopsis)
        $w.WriteEndElement()
        & $para $maml 'description' $h.Description
        # Syntax: one item per parameter set (parameters without a set belong to every set).
        $sets = @($h.Parameters | ForEach-Object { $_.Sets } | ForEach-Object { $_.TrimEnd('!') } | Select-Object -Unique)
        if (-not $sets) { $sets = @('') }
        $w.WriteStartElement('command', 'syntax', $cmd)
        foreach ($set in $sets) {
            $w.WriteStartElement('command', 'syntaxItem', $cmd)
            $w.WriteElementString('maml', 'name', $maml, $h.Name)
            foreach ($p in $h.Parameters) {
                if ($set -and $p.Sets.Count -and -not ($p.Sets | Where-Object { $_.TrimEnd('!') -eq $set })) { continue }
                $required = $p.Mandatory -or ($set -and "$set!" -in $p.Sets)
                $w.WriteStartElement('command', 'parameter', $cmd)
                $w.WriteAttributeString('required', ([string]$required).ToLowerInvariant())
                $w.WriteAttributeString('position', $p.Position)
                $w.WriteAttributeString('pipelineInput', $(if ($p.Pipeline) { 'True (ByPropertyName)' } else { 'False' }))
                $w.WriteElementString('maml', 'name', $maml, $p.Name)
                if (-not $p.IsSwitch) {
                    $w.WriteStartElement('command', 'parameterValue', $cmd); $w.WriteAttributeString('required', 'true'); $w.WriteString($p.Type); $w.WriteEndElement()
                }
                $w.WriteEndElement()
            }
            if ($h.ShouldProcess) {
                foreach ($name in 'WhatIf', 'Confirm') {
                    $w.WriteStartElement('command', 'parameter', $cmd)
                    $w.WriteAttributeString('required', 'false'); $w.WriteAttributeString('position', 'named')
                    $w.WriteElementString('maml', 'name', $maml, $name)
                    $w.WriteEndElement()
                }
            }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
        $w.WriteStartElement('command', 'parameters', $cmd)
        foreach ($p in $h.Parameters) {
            $required = $p.Mandatory -or [bool]($p.Sets | Where-Object { $_.EndsWith('!') })
            $w.WriteStartElement('command', 'parameter', $cmd)
            $w.WriteAttributeString('required', ([string]$required).ToLowerInvariant())
            $w.WriteAttributeString('position', $p.Position)
            $w.WriteAttributeString('pipelineInput', $(if ($p.Pipeline) { 'True (ByPropertyName)' } else { 'False' }))
            $w.WriteElementString('maml', 'name', $maml, $p.Name)
            & $para $maml 'description' @($p.Help)
            if (-not $p.IsSwitch) {
                $w.WriteStartElement('command', 'parameterValue', $cmd); $w.WriteAttributeString('required', 'true'); $w.WriteString($p.Type); $w.WriteEndElement()
            }
            $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $p.Type); $w.WriteEndElement()
            $w.WriteElementString('dev', 'defaultValue', $dev, $p.Default)
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
        $w.WriteStartElement('command', 'returnValues', $cmd)
        $w.WriteStartElement('command', 'returnValue', $cmd)
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $h.OutputType); $w.WriteEndElement()
        & $para $maml 'description' @($h.OutputText)
        $w.WriteEndElement()
        $w.WriteEndElement()
        $w.WriteStartElement('command', 'examples', $cmd)
        $i = 0
        foreach ($e in $h.Examples) {
            $i++
            $w.WriteStartElement('command', 'example', $cmd)
            $w.WriteElementString('maml', 'title', $maml, "-------------------------- Example $i --------------------------")
            $w.WriteElementString('dev', 'code', $dev, $e[0])
            $w.WriteStartElement('dev', 'remarks', $dev); $w.WriteElementString('maml', 'para', $maml, $e[1]); $w.WriteEndElement()
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
        $w.WriteStartElement('command', 'relatedLinks', $cmd)
        $w.WriteStartElement('maml', 'navigationLink', $maml)
        $w.WriteElementString('maml', 'linkText', $maml, 'about_CIPPAPIModule')
        $w.WriteElementString('maml', 'uri', $maml, '')
        $w.WriteEndElement()
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.Flush()
    '<?xml version="1.0" encoding="utf-8"?>' + $NL + $buffer.ToString().Replace("`r`n", $NL) + $NL
}

function Get-FunctionText([hashtable]$Command) {
    $params = @($Command.Parameters | Where-Object { $_ })
    # ShouldProcess: the 1.2.12 commands with their ConfirmImpact, and every other command that changes something
    # with ConfirmImpact Low (never prompts under the default $ConfirmPreference = 'High').
    $impact = if ($Command.ConfirmImpact) { $Command.ConfirmImpact } elseif (Test-ChangesSomething $Command) { 'Low' } else { $null }
    $operation = if ($Command.Method -and $Command.Endpoint) { "$($Command.Method -replace ',', ' or ') $($Command.Endpoint)" } else { $Command.Name }

    New-HelpModel $Command $impact $operation

    $bindingArgs = @(
        if ($Command.DefaultParameterSet) { "DefaultParameterSetName = $(Format-Literal $Command.DefaultParameterSet)" }
        if ($impact) { 'SupportsShouldProcess = $true'; "ConfirmImpact = '$impact'" }
    )
    $binding = "[CmdletBinding($($bindingArgs -join ', '))]"
    $mandatory = ($params | Where-Object Mandatory | Select-Object -First 1).Name
    $target = if ($Command.WhatIfTarget) { $Command.WhatIfTarget } elseif ($mandatory) { '$' + $mandatory } elseif ($Command.Endpoint) { Format-Literal $Command.Endpoint } else { Format-Literal $Command.Name }
    # With -WhatIf the call goes ahead under $WhatIfPreference: Invoke-CIPPRestMethod prints the exact request
    # (URL, headers, body) and sends nothing. Otherwise ShouldProcess decides (-Confirm).
    $guard = "if (`$WhatIfPreference -or `$script:CIPPCommandRequest::ShouldProcess(`$PSCmdlet, [string]$target, $(Format-Literal $operation))) {"

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
        # The request is built by the compiled CippApi.CippCommandRequest from the entry (one string constant): as
        # PowerShell, the hashtables and the guard of ~270 bodies cost a fifth of every import (BENCHMARKS.md). The
        # type is reached through a variable: the packaged .psm1 is parsed before the binding is loaded, and each
        # type literal the parser cannot resolve then costs ~0.2 ms (~60 ms for 270 bodies).
        $call = 'Invoke-CIPPRestMethod @cippRequest'
        if ($Command.ResultProperty) { $call = "($call).$($Command.ResultProperty)" }
        elseif ($Command.Output) { $call = "$($Command.Output) -Response @($call)" }
        $body.Add("    `$cippRequest = `$script:CIPPCommandRequest::Build(`$PSCmdlet, $(Format-Literal (Get-RequestEntry $Command $(if ($impact) { $target }) $operation)))")
        $body.Add("    if (`$cippRequest) { $call }")
    }

    $out = [System.Text.StringBuilder]::new()
    [void]$out.AppendLine("function $($Command.Name) {").AppendLine('    # .EXTERNALHELP CIPPAPIModule-help.xml').AppendLine("    $binding")
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

# Exported commands' customer-tenant parameters ($TenantParameterNames), for the tenant completer; hand-written
# commands (Public/*.ps1) from their param blocks, where -TenantID is Set-CIPPAPIDetails' partner tenant, not a
# customer's. A static map: finding them at import would cost tens of milliseconds.
$tenantParameters = [ordered]@{}
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
    $names = if ($c.HandWritten) {
        @($handWritten[$c.Name]) | Where-Object { $_ -in $TenantParameterNames -and $_ -ne 'TenantID' }
    } else {
        @($c.Parameters | Where-Object { $_ -and $_.Name -in $TenantParameterNames } | ForEach-Object Name)
    }
    foreach ($name in $names) {
        if (-not $tenantParameters.Contains($name)) { $tenantParameters[$name] = [System.Collections.Generic.List[string]]::new() }
        $tenantParameters[$name].Add($c.Name)
    }
}
$completionText = @'
# <auto-generated>
# Generated by powershell/tools/Build-Commands.ps1 from powershell/catalog/ (and the param blocks of Public/*.ps1).
# Do not edit by hand. The customer-tenant parameters of the exported commands (parameter name -> commands);
# Private/Completion.ps1 registers the tenant completer for them.
# </auto-generated>
$script:CIPPTenantParameters = [ordered]@{

'@.Replace("`r`n", $NL) + (($tenantParameters.Keys | ForEach-Object {
            "    $(Format-Literal $_) = @(" + $NL + (($tenantParameters[$_] | ForEach-Object { "        $(Format-Literal $_)" }) -join $NL) + $NL + '    )'
        }) -join $NL) + $NL + '}' + $NL

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
            # MIT OR Apache-2.0: both texts ship in the module folder (LICENSE-MIT, LICENSE-APACHE). No LicenseUri or
            # ProjectUri: a single-licence or placeholder link would tell gallery users something untrue.
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

$outputs = @(@($GeneratedFile, $generatedText), @($CompletionFile, $completionText), @($HelpFile, (Get-MamlText)), @($ManifestFile, $manifestText))
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
