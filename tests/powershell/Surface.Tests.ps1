#Requires -Version 7.0
# Command surface of CIPPAPIModule against the 1.2.12 contract: names, aliases, parameters and their attributes.
# Expected values come from tests/fixtures/community-surface.tsv (copied from the contract, not from the catalog),
# read with the small parser of the contract's parameter notation below (community-module.md section 6.1).

BeforeDiscovery {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    # 'a, b{x,y}, c[S(M)|T] range(1, 2)' → tokens split on commas outside brackets.
    function Split-Notation([string]$Text) {
        $parts = [System.Collections.Generic.List[string]]::new()
        $depth = 0; $current = ''
        foreach ($ch in $Text.ToCharArray()) {
            if ('{(['.Contains($ch)) { $depth++ } elseif ('})]'.Contains($ch)) { $depth-- }
            if ($ch -eq ',' -and $depth -eq 0) { $parts.Add($current.Trim()); $current = '' } else { $current += $ch }
        }
        if ($current.Trim()) { $parts.Add($current.Trim()) }
        , $parts
    }

    function ConvertFrom-ParameterNotation([string]$Text) {
        $pattern = '^(?<name>\w+):(?<type>str\[\]|guid\[\]|\w+)(?<bang>!)?(?<sets>\[[^\]]*\])?' +
        '(?:=(?<def>@\{\}|@\(\)|\([^)]*\)|''[^'']*''|"[^"]*"|\$\w+|\d+))?(?:\{(?<vs>[^}]*)\})?(?<rest>.*)$'
        foreach ($token in (Split-Notation $Text)) {
            if ($token -notmatch $pattern) { throw "Cannot parse parameter notation '$token'" }
            $m = $Matches
            $p = [ordered]@{
                Name = $m.name; Type = $m.type; Mandatory = [bool]$m.bang; Default = $m.def
                ValidateSet = if ($null -ne $m.vs) { @($m.vs -split ',') } else { $null }
                Sets = [ordered]@{}; Range = $null; Length = $null; Pattern = $false; Script = $false
                Position = $null; Alias = $null
            }
            if ($m.sets) {
                foreach ($s in $m.sets.Trim('[', ']') -split '\|') {
                    if ($s -notmatch '^(\w+)(\(M\))?$') { throw "Bad set '$s' in '$token'" }
                    $p.Sets[$Matches[1]] = [bool]$Matches[2]
                }
            }
            $rest = $m.rest
            if ($rest -match 'range\((\d+), (\d+)\)') { $p.Range = @([int]$Matches[1], [int]$Matches[2]) }
            if ($rest -match 'len\((\d+), (\d+)\)') { $p.Length = @([int]$Matches[1], [int]$Matches[2]) }
            $p.Pattern = $rest -match '\bpattern\b'
            $p.Script = $rest -match '\bscript\b'
            if ($rest -match '\bpos(\d+)') { $p.Position = [int]$Matches[1] }
            if ($rest -match '\(alias (\w+)\)') { $p.Alias = $Matches[1] }
            $left = ($rest -replace 'range\(\d+, \d+\)|len\(\d+, \d+\)|\bpattern\b|\bscript\b|\bpos\d+|\(alias \w+\)', '').Trim()
            if ($left) { throw "Unparsed '$left' in '$token'" }
            [pscustomobject]$p
        }
    }

    # 1.2.12 rows, then the commands 1.2.13 added (this module is a superset of both).
    $rows = foreach ($release in '', '-1.2.13') {
        $lines = Get-Content (Join-Path $script:Root "tests/fixtures/community-surface$release.tsv") | Where-Object { $_ -and -not $_.StartsWith('#') }
        $header = $lines[0] -split "`t"
        foreach ($line in $lines | Select-Object -Skip 1) { , @($release, $header, $line) }
    }
    $script:SurfaceCases = foreach ($r in $rows) {
        $release, $header, $line = $r
        $cells = $line -split "`t"
        $row = @{}
        for ($i = 0; $i -lt $header.Count; $i++) { $row[$header[$i]] = if ($i -lt $cells.Count) { $cells[$i] } else { '' } }
        $params = @(ConvertFrom-ParameterNotation $row.parameters)
        # PowerShell positions: explicit Position only when any parameter sets Position or ParameterSetName;
        # otherwise every non-switch parameter in declaration order.
        $explicit = @($params | Where-Object { $null -ne $_.Position -or $_.Sets.Count }).Count -gt 0
        $next = 0
        foreach ($p in $params) {
            $p | Add-Member -NotePropertyName ExpectedPosition -NotePropertyValue $(
                if ($explicit) { $p.Position } elseif ($p.Type -eq 'switch') { $null } else { $next; $next++ })
        }
        @{
            Function = $row.function
            Aliases = @($row.aliases -split ',' | Where-Object { $_ })
            ShouldProcess = $row.shouldprocess -eq 'Y'
            Parameters = $params
            DefaultSet = $row.defaultset
            Exported = $row.function -ne 'Test-CIPPGenericFunction'
            Release = if ($release) { $release.TrimStart('-') } else { '1.2.12' }
        }
    }
}

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ManifestPath = Join-Path $script:Root 'powershell/CIPPAPIModule/CIPPAPIModule.psd1'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Module = Import-CippModuleForTest -ErrorAction Stop
    $script:Exported = @(Get-Command -Module CIPPAPIModule -CommandType Function)
    $script:ExportedAliases = @(Get-Command -Module CIPPAPIModule -CommandType Alias)
    # Additional aliases documented in powershell/COMPATIBILITY.md (older names removed upstream).
    $script:CompatAliases = @{ 'Get-CIPPAPDevices' = 'Get-CIPPAutoPilotDevices'; 'Get-CIPPTransportRules' = 'Get-CIPPTransportRule' }
    # Commands added on top of the 1.2.12 contract (listed under Additions in powershell/COMPATIBILITY.md).
    $script:AdditionalFunctions = @('Get-CIPPEndpoint', 'Invoke-CIPPForEachTenant', 'Get-CIPPGraphRequestAll', 'Wait-CIPPQueue')
    # Optional parameters appended after the contract ones (additive; listed in powershell/COMPATIBILITY.md).
    # 1.2.13 added -UseReportDB to sixteen commands (contract section 10); it sends nothing unless used.
    $useReportDB = 'Get-CIPPCalendarPerms', 'Get-CIPPMailboxPermissions', 'Get-CIPPMailboxRules', 'Get-CIPPMailboxes',
    'Get-CIPPApps', 'Get-CIPPAssignmentFilters', 'Get-CIPPIntunePolicy', 'Get-CIPPIntuneScript', 'Get-CIPPGroups',
    'Get-CIPPMFAUsers', 'Get-CIPPOneDriveList', 'Get-CIPPSharePointSites', 'Get-CIPPTeams', 'Get-CIPPTeamsActivity',
    'Get-CIPPTeamsVoice', 'Get-CIPPOAuthApps'
    $script:AdditiveParameters = @{}
    foreach ($name in $useReportDB) { $script:AdditiveParameters[$name] = @('UseReportDB') }
    $script:AdditiveParameters += @{
        'Set-CIPPAPIDetails'     = @('AuthorityHost', 'CACertificatePath', 'TimeoutSeconds', 'ReadOnly', 'AllowedEndpoint', 'StrictParameters', 'CIPPClientSecureSecret')
        'Invoke-CIPPRestMethod'  = @('WhatIf')
        'Test-CIPPApiConnection' = @('Diagnose')
    }
    # A contract parameter moved from all parameter sets into one named set, mandatory there and in the default set
    # (COMPATIBILITY.md: -CIPPClientSecureSecret is the alternative in its own set).
    # -UserID of Get-CIPPCalendarPerms/Get-CIPPMailboxPermissions: mandatory in the default set UserID (as in 1.2.12),
    # absent from the set of -UseReportDB (1.2.13 made -UserID optional and refuses the combination).
    $script:OwnSetParameters = @{
        'Set-CIPPAPIDetails'         = @{ CIPPClientSecret = 'ClientSecret' }
        'Get-CIPPCalendarPerms'      = @{ UserID = 'UserID' }
        'Get-CIPPMailboxPermissions' = @{ UserID = 'UserID' }
    }
    # ShouldProcess added to commands that change something (COMPATIBILITY.md): only with ConfirmImpact Low, so the
    # default $ConfirmPreference never prompts; the contract's ShouldProcess commands keep their impact.
    $script:AddedShouldProcessImpact = 'Low'
    # ConfirmImpact per contract section 1.2: High unless listed here.
    $script:MediumImpact = @('Remove-CIPPQueuedAlert', 'Set-CIPPAuthenticationMethod', 'Clear-CIPPTenantCapabilitiesCache')
    # Tenant parameters of generated commands take tenants from the pipeline, with these extra aliases.
    $script:TenantParameterNames = 'CustomerTenantID', 'TenantFilter', 'CustomerTenantDefaultDomain', 'CustomerDefaultDomain', 'TenantID'
    $script:TenantPipelineAliases = 'defaultDomainName', 'customerId'
    $script:HandWrittenTenantCommands = 'Set-CIPPAPIDetails', 'Invoke-CIPPRestMethod', 'Get-CIPPLogs'
    # Parameter types widened on purpose (COMPATIBILITY.md): -Body takes upstream 1.3.0's shapes (hashtable, ordered
    # dictionary, PSCustomObject or an array of them); a hashtable is sent exactly as in 1.2.12.
    $script:WidenedTypes = @{ 'Invoke-CIPPRestMethod' = @{ Body = [object] } }
    $script:TypeMap = @{
        str = [string]; int = [int]; bool = [bool]; switch = [switch]; guid = [guid]; datetime = [datetime]
        timespan = [timespan]; version = [version]; array = [array]; 'str[]' = [string[]]; 'guid[]' = [guid[]]
        hashtable = [hashtable]; any = [object]
    }
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

AfterAll {
    Remove-Module CIPPAPIModule -Force -ErrorAction SilentlyContinue
}

Describe 'Module surface' {
    It 'manifest passes Test-ModuleManifest and keeps the 1.2.12 GUID' {
        $m = Test-ModuleManifest -Path $script:ManifestPath -ErrorAction Stop
        $m.Guid | Should -Be '7a30dce3-8696-410b-84cc-4f3ca97b4202'
        $m.PowerShellVersion | Should -Be '7.0'
        $m.RootModule | Should -Be 'CIPPAPIModule.psm1'
    }

    It 'exports exactly the 289 contract functions, the 5 of 1.2.13 and the documented additions' -TestCases @{ Expected = @($script:SurfaceCases | Where-Object Exported | ForEach-Object Function); Cases = $script:SurfaceCases } {
        param($Expected, $Cases)
        @($Cases | Where-Object { $_.Exported -and $_.Release -eq '1.2.12' }).Count | Should -Be 289
        @($Cases | Where-Object Release -EQ '1.2.13').Count | Should -Be 5
        @($script:Exported.Name | Sort-Object) | Should -Be @(@($Expected) + $script:AdditionalFunctions | Sort-Object)
    }

    It 'lists the same functions in the manifest FunctionsToExport' -TestCases @{ Expected = @($script:SurfaceCases | Where-Object Exported | ForEach-Object Function) } {
        param($Expected)
        $data = Import-PowerShellDataFile $script:ManifestPath
        @($data.FunctionsToExport | Sort-Object) | Should -Be @(@($Expected) + $script:AdditionalFunctions | Sort-Object)
        @($data.CmdletsToExport).Count | Should -Be 0
        @($data.VariablesToExport).Count | Should -Be 0
    }

    It 'exports the 10 contract aliases plus the documented compatibility aliases' -TestCases @{ Cases = $script:SurfaceCases } {
        param($Cases)
        $expected = @{}
        foreach ($c in $Cases) { foreach ($a in $c.Aliases) { $expected[$a] = $c.Function } }
        $expected.Count | Should -Be 10
        foreach ($k in $script:CompatAliases.Keys) { $expected[$k] = $script:CompatAliases[$k] }
        @($script:ExportedAliases.Name | Sort-Object) | Should -Be @($expected.Keys | Sort-Object)
        foreach ($a in $script:ExportedAliases) { $a.ResolvedCommandName | Should -Be $expected[$a.Name] }
        $data = Import-PowerShellDataFile $script:ManifestPath
        @($data.AliasesToExport | Sort-Object) | Should -Be @($expected.Keys | Sort-Object)
    }

    It 'keeps Test-CIPPGenericFunction unexported' {
        Get-Command -Module CIPPAPIModule -Name 'Test-CIPPGenericFunction' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-Command -Module CIPPAPIModule -Name 'Get-CIPPGenericTestFunction' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe '<Function> matches the <Release> contract' -ForEach @($SurfaceCases | Where-Object Exported) {
    BeforeAll {
        $script:Cmd = Get-Command -Module CIPPAPIModule -Name $Function -CommandType Function -ErrorAction SilentlyContinue
    }

    It 'is exported' {
        $script:Cmd | Should -Not -BeNullOrEmpty
    }

    It 'has the contract parameters, in declaration order, with their attributes' {
        if (-not $script:Cmd) { Set-ItResult -Skipped -Because 'not exported'; return }
        $problems = [System.Collections.Generic.List[string]]::new()
        $ast = $script:Cmd.ScriptBlock.Ast
        $declared = if ($ast.Body.ParamBlock) { $ast.Body.ParamBlock.Parameters } else { $ast.Parameters }
        $declaredNames = @($declared | ForEach-Object { $_.Name.VariablePath.UserPath })
        $expectedNames = @($Parameters | ForEach-Object Name)
        $additive = @($script:AdditiveParameters[$Function] | Where-Object { $_ })
        if ($additive) {
            $extra = @($declaredNames | Select-Object -Skip $expectedNames.Count)
            if (($extra -join ',') -ceq ($additive -join ',')) {
                $declaredNames = @($declaredNames | Select-Object -First $expectedNames.Count)
                foreach ($name in $additive) {
                    # Optional in the 1.2.12 parameter set (all sets, or the default set); it may be mandatory in a set
                    # of its own (-CIPPClientSecureSecret).
                    $default = $script:Cmd.DefaultParameterSet
                    if ($script:Cmd.Parameters[$name].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.Mandatory -and $_.ParameterSetName -in '__AllParameterSets', $default }) {
                        $problems.Add("-${name}: additive parameter must be optional")
                    }
                }
            }
        }
        if (($declaredNames -join ',') -cne ($expectedNames -join ',')) {
            $problems.Add("parameters: expected [$($expectedNames -join ', ')], got [$($declaredNames -join ', ')]")
        }
        foreach ($p in $Parameters) {
            $meta = $script:Cmd.Parameters[$p.Name]
            if (-not $meta) { continue }
            $where = "-$($p.Name)"
            if ($meta.Name -cne $p.Name) { $problems.Add("${where}: name case '$($meta.Name)'") }
            $type = if ($script:WidenedTypes[$Function] -and $script:WidenedTypes[$Function][$p.Name]) { $script:WidenedTypes[$Function][$p.Name] } else { $script:TypeMap[$p.Type] }
            if ($meta.ParameterType -ne $type) { $problems.Add("${where}: type $($meta.ParameterType) instead of $type") }

            $sets = $meta.ParameterSets
            $ownSet = if ($script:OwnSetParameters[$Function]) { $script:OwnSetParameters[$Function][$p.Name] }
            if ($ownSet) {
                if ((@($sets.Keys) -join ',') -ne $ownSet -or -not $sets[$ownSet].IsMandatory -or $script:Cmd.DefaultParameterSet -ne $ownSet) {
                    $problems.Add("${where}: expected to be mandatory in the default set $ownSet only, got [$(@($sets.Keys) -join ', ')]")
                }
            } elseif ($p.Sets.Count) {
                $actualSets = @($sets.Keys | Sort-Object)
                if (($actualSets -join ',') -ne (@($p.Sets.Keys | Sort-Object) -join ',')) { $problems.Add("${where}: parameter sets [$($actualSets -join ', ')]") }
                foreach ($s in $p.Sets.Keys) {
                    if ($sets.ContainsKey($s) -and $sets[$s].IsMandatory -ne $p.Sets[$s]) { $problems.Add("${where}: mandatory in set $s is $($sets[$s].IsMandatory)") }
                }
            } else {
                if (@($sets.Keys) -join ',' -ne '__AllParameterSets') { $problems.Add("${where}: parameter sets [$(@($sets.Keys) -join ', ')]") }
                elseif ($sets['__AllParameterSets'].IsMandatory -ne $p.Mandatory) { $problems.Add("${where}: mandatory is $($sets['__AllParameterSets'].IsMandatory)") }
            }
            foreach ($s in $sets.Values) {
                $actual = if ($s.Position -ge 0) { $s.Position } else { $null }
                if ($actual -ne $p.ExpectedPosition) { $problems.Add("${where}: position $actual instead of $($p.ExpectedPosition)") }
            }

            $expectedAliases = @($p.Alias | Where-Object { $_ })
            $actualAliases = @($meta.Aliases)
            if ($p.Name -in $script:TenantParameterNames -and $Function -notin $script:HandWrittenTenantCommands) {
                # Tenants from the pipeline (COMPATIBILITY.md): by property name, also as defaultDomainName/customerId.
                $pipe = @($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and -not $_.ValueFromPipelineByPropertyName })
                if ($pipe) { $problems.Add("${where}: does not take the tenant from the pipeline by property name") }
                if ('customerId' -notin $actualAliases) { $problems.Add("${where}: no alias customerId") }
                $actualAliases = @($actualAliases | Where-Object { $_ -notin $script:TenantPipelineAliases })
            }
            if ((@($actualAliases | Sort-Object) -join ',') -ne (@($expectedAliases | Sort-Object) -join ',')) { $problems.Add("${where}: aliases [$($meta.Aliases -join ', ')]") }

            $vs = $meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
            if ($p.ValidateSet) {
                if (-not $vs) { $problems.Add("${where}: no ValidateSet") }
                elseif (($vs.ValidValues -join '|') -cne ($p.ValidateSet -join '|')) { $problems.Add("${where}: ValidateSet [$($vs.ValidValues -join ',')]") }
            } elseif ($vs) { $problems.Add("${where}: unexpected ValidateSet") }

            $range = $meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
            if ($p.Range) {
                if (-not $range -or $range.MinRange -ne $p.Range[0] -or $range.MaxRange -ne $p.Range[1]) { $problems.Add("${where}: ValidateRange($($p.Range -join ', ')) missing") }
            } elseif ($range) { $problems.Add("${where}: unexpected ValidateRange") }
            $len = $meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateLengthAttribute] }
            if ($p.Length) {
                if (-not $len -or $len.MinLength -ne $p.Length[0] -or $len.MaxLength -ne $p.Length[1]) { $problems.Add("${where}: ValidateLength($($p.Length -join ', ')) missing") }
            } elseif ($len) { $problems.Add("${where}: unexpected ValidateLength") }
            $hasPattern = [bool]($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidatePatternAttribute] })
            if ($hasPattern -ne $p.Pattern) { $problems.Add("${where}: ValidatePattern present=$hasPattern") }
            $hasScript = [bool]($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateScriptAttribute] })
            if ($hasScript -ne $p.Script) { $problems.Add("${where}: ValidateScript present=$hasScript") }
            $other = $meta.Attributes | Where-Object {
                $_ -is [System.Management.Automation.ValidateArgumentsAttribute] -and $_ -isnot [System.Management.Automation.ValidateSetAttribute] -and
                $_ -isnot [System.Management.Automation.ValidateRangeAttribute] -and $_ -isnot [System.Management.Automation.ValidateLengthAttribute] -and
                $_ -isnot [System.Management.Automation.ValidatePatternAttribute] -and $_ -isnot [System.Management.Automation.ValidateScriptAttribute]
            }
            if ($other) { $problems.Add("${where}: extra validation $($other.GetType().Name -join ', ')") }

            $decl = $declared | Where-Object { $_.Name.VariablePath.UserPath -eq $p.Name }
            $actualDefault = if ($decl.DefaultValue) { $decl.DefaultValue.Extent.Text } else { $null }
            $norm = { param($t) if ($null -eq $t) { '' } else { $t -replace "['""\s]", '' } }
            if ((& $norm $actualDefault) -cne (& $norm $p.Default)) { $problems.Add("${where}: default '$actualDefault' instead of '$($p.Default)'") }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'has the contract default parameter set' {
        if (-not $script:Cmd) { Set-ItResult -Skipped -Because 'not exported'; return }
        $ownSet = @($script:OwnSetParameters[$Function].Values | Where-Object { $_ })
        $expected = if ($DefaultSet) { $DefaultSet } elseif ($ownSet) { $ownSet[0] } else { '' }
        # Empty (or __AllParameterSets for a simple function) when the command declares no DefaultParameterSetName.
        $actual = [string][System.Management.Automation.CommandMetadata]::new($script:Cmd).DefaultParameterSetName
        if ($actual -eq '__AllParameterSets') { $actual = '' }
        $actual | Should -BeExactly $expected
    }

    It 'has the contract command attributes (CmdletBinding, ShouldProcess, ConfirmImpact, aliases)' {
        if (-not $script:Cmd) { Set-ItResult -Skipped -Because 'not exported'; return }
        $script:Cmd.CmdletBinding | Should -Be ($Function -ne 'Invoke-CIPPRestMethod')
        $meta = [System.Management.Automation.CommandMetadata]::new($script:Cmd)
        if ($ShouldProcess) {
            $meta.SupportsShouldProcess | Should -BeTrue
            $expectedImpact = if ($Function -in $script:MediumImpact) { 'Medium' } else { 'High' }
            [string]$meta.ConfirmImpact | Should -Be $expectedImpact
        } elseif ($meta.SupportsShouldProcess) {
            [string]$meta.ConfirmImpact | Should -Be $script:AddedShouldProcessImpact -Because 'added ShouldProcess must never prompt by default'
        }
        $extra = @($script:CompatAliases.Keys | Where-Object { $script:CompatAliases[$_] -eq $Function })
        $actual = @($script:ExportedAliases | Where-Object ResolvedCommandName -EQ $Function | ForEach-Object Name)
        @($actual | Sort-Object) | Should -Be @(@($Aliases) + $extra | Sort-Object)
    }
}
