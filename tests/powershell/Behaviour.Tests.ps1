#Requires -Version 7.0
# Commands with logic beyond one request (the hooks in Private/CommandHooks.ps1) and the documented deviations:
# multi-call flows, reshaped output, client-side checks, the CSP stub. Invoke-CIPPRestMethod is replaced by a
# Pester mock that records calls and answers per endpoint, so these tests need no server.

BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Import-CippModuleForTest -ErrorAction Stop
    & (Get-Module CIPPAPIModule) { $script:CIPPBECCheckPollSeconds = 0 }

    # Calls seen by the mocked Invoke-CIPPRestMethod; $script:Answers maps an endpoint to a scriptblock returning
    # the response (given the call).
    $script:Calls = [System.Collections.Generic.List[object]]::new()
    $script:Answers = @{}
    function script:Use-FakeApi([hashtable]$Answers = @{}) {
        $script:Calls.Clear()
        $script:Answers = $Answers
        Mock -ModuleName CIPPAPIModule Invoke-CIPPRestMethod {
            $call = [pscustomobject]@{ Endpoint = $Endpoint; Method = $Method; Params = $Params; Body = $Body }
            $script:Calls.Add($call)
            if ($script:Answers.ContainsKey($Endpoint)) { & $script:Answers[$Endpoint] $call }
        }
    }
    $script:C = 'contoso.onmicrosoft.com'
    $script:G = '11111111-2222-3333-4444-555555555555'
}

AfterAll {
    Remove-Module CIPPAPIModule -Force -ErrorAction SilentlyContinue
}

Describe 'Set-CIPPCSPLicense (stub kept from 1.2.12)' {
    It 'returns the fixed message and sends nothing' {
        Use-FakeApi
        Set-CIPPCSPLicense -CustomerTenantID $C -SKU 'x' -Action 'Add' |
            Should -BeExactly 'This function is not implemented yet - and never will be. Use CIPP to manage CSP licenses instead.'
        $script:Calls.Count | Should -Be 0
    }
}

Describe 'Client-side checks throw before any request' {
    It '<Name>' -TestCases @(
        @{ Name = 'Set-CIPPExcludeLicense with both switches'; Call = { Set-CIPPExcludeLicense -LicenseGUID $G -SKUName 's' -AddExclusion -RemoveExclusion } }
        @{ Name = 'Set-CIPPExcludeLicense with neither switch'; Call = { Set-CIPPExcludeLicense -LicenseGUID $G -SKUName 's' } }
        @{ Name = 'Set-CIPPExcludeTenant with neither switch'; Call = { Set-CIPPExcludeTenant -CustomerTenantID $C } }
        @{ Name = 'Set-CIPPMailboxQuota without a quota'; Call = { Set-CIPPMailboxQuota -CustomerTenantID $C -UserID 'u' } }
        @{ Name = 'Set-CIPPOOO Scheduled without times'; Call = { Set-CIPPOOO -CustomerTenantID $C -User 'u' -AutoreplyState 'Scheduled' } }
        @{ Name = 'Get-CIPPGroups -Members without -GroupID'; Call = { Get-CIPPGroups -CustomerTenantID $C -Members } }
        @{ Name = 'Get-CIPPIntunePolicy with only -PolicyID'; Call = { Get-CIPPIntunePolicy -CustomerTenantID $C -PolicyID 'p' } }
        @{ Name = 'Get-CIPPServiceHealth without -AllTenants or both names'; Call = { Get-CIPPServiceHealth -CustomerTenantID $C -DisplayName 'x' } }
        @{ Name = 'New-CIPPGDAPInvite with neither roles nor -UseAllExistingRoles'; Call = { New-CIPPGDAPInvite } }
        @{ Name = 'New-CIPPGDAPInvite with both'; Call = { New-CIPPGDAPInvite -GDAPRoles @(@{ a = 1 }) -UseAllExistingRoles } }
        @{ Name = 'Add-CIPPExchConnector without a template (fix: section 7 row 8)'; Call = { Add-CIPPExchConnector -CustomerTenantDefaultDomain $C } }
        @{ Name = 'Add-CIPPExchTransportRule without a template (fix: section 7 row 8)'; Call = { Add-CIPPExchTransportRule -CustomerTenantDefaultDomain $C } }
    ) {
        Use-FakeApi
        { & $Call } | Should -Throw
        $script:Calls.Count | Should -Be 0
    }
}

Describe 'Commands returning the .Results property' {
    It '<Name> returns response.Results' -TestCases @(
        @{ Name = 'Get-CIPPAutoPilotConfig'; Call = { Get-CIPPAutoPilotConfig -CustomerTenantID $C -Type 'ESP' } }
        @{ Name = 'Get-CIPPAutoPilotDevices'; Call = { Get-CIPPAutoPilotDevices -CustomerTenantID $C } }
        @{ Name = 'Get-CIPPAppRegistrations'; Call = { Get-CIPPAppRegistrations -CustomerTenantID $C } }
        @{ Name = 'Get-CIPPEnterpriseApplications'; Call = { Get-CIPPEnterpriseApplications -CustomerTenantID $C } }
        @{ Name = 'Remove-CIPPCustomVariable'; Call = { Remove-CIPPCustomVariable -CustomerTenantID $C -VariableName 'v' } }
        @{ Name = 'Set-CIPPCustomVariable'; Call = { Set-CIPPCustomVariable -CustomerTenantID $C -VariableName 'v' -Value 'x' } }
    ) {
        $answer = { [pscustomobject]@{ Results = @([pscustomobject]@{ id = 1 }, [pscustomobject]@{ id = 2 }); Metadata = 'm' } }
        Use-FakeApi @{ '/api/ListGraphRequest' = $answer; '/api/ExecCippReplacemap' = $answer }
        $out = @(& $Call)
        $out.Count | Should -Be 2
        $out[1].id | Should -Be 2
    }
}

Describe 'Get-CIPPNotificationConfig' {
    It 'renames the configuration properties' {
        Use-FakeApi @{ '/api/ListNotificationConfig' = { [pscustomobject]@{ logsToInclude = 'a'; Severity = 'Alert'; email = 'e'; webhook = 'w'; sendtoIntegration = $true; includeTenantId = $false; onePerTenant = $true; schedule = 'daily'; type = 't' } } }
        $r = Get-CIPPNotificationConfig
        $r.LogsToInclude | Should -Be 'a'
        $r.Email | Should -Be 'e'
        $r.OneEmailPerTenant | Should -BeTrue
        $r.SendToIntegration | Should -BeTrue
        @($r.PSObject.Properties.Name) | Should -Be @('LogsToInclude', 'Severity', 'Email', 'Webhook', 'SendToIntegration', 'IncludeTenantId', 'OneEmailPerTenant', 'Schedule', 'Type')
    }
    It 'warns and returns $null when nothing is configured' {
        Use-FakeApi
        $r = Get-CIPPNotificationConfig -WarningVariable w -WarningAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        "$w" | Should -Match 'No notification configuration found'
    }
}

Describe 'Get-CIPPScheduledTask' {
    It 'gives every task a usable Parameters property' {
        Use-FakeApi @{ '/api/ListScheduledItems' = {
                [pscustomobject]@{ Name = 'a' }
                [pscustomobject]@{ Name = 'b'; Parameters = '{"x":1}' }
                [pscustomobject]@{ Name = 'c'; Parameters = 'not json' }
            } }
        $tasks = @(Get-CIPPScheduledTask)
        $tasks.Count | Should -Be 3
        $tasks[0].Parameters | Should -BeOfType [hashtable]
        $tasks[1].Parameters.x | Should -Be 1
        $tasks[2].Parameters | Should -BeOfType [hashtable]
    }
}

Describe 'Get-CIPPBECCheck' {
    It 'polls with the guid of the first answer until waiting is no longer True' {
        $script:polls = 0
        Use-FakeApi @{ '/api/execbeccheck' = {
                param($call)
                if (-not $call.Params.ContainsKey('guid')) { return [pscustomobject]@{ guid = 'g1'; waiting = 'True' } }
                $script:polls++
                [pscustomobject]@{ waiting = if ($script:polls -lt 3) { 'True' } else { 'False' }; result = $script:polls }
            } }
        $r = Get-CIPPBECCheck -CustomerTenantID $C -UserID 'u1' -UserName 'u1@contoso.com'
        $r.result | Should -Be 3
        $script:Calls.Count | Should -Be 4
        $script:Calls[0].Params.ContainsKey('guid') | Should -BeFalse
        $script:Calls[1].Params.guid | Should -Be 'g1'
        $script:Calls[3].Params.userId | Should -Be 'u1'
    }
}

Describe 'Set-CIPPUser (read before write)' {
    BeforeAll {
        $script:ExistingUser = {
            [pscustomobject]@{
                id = 'uid'; userPrincipalName = 'old@contoso.com'; username = 'old'; displayName = 'Old Name'
                primDomain = [pscustomobject]@{ value = 'contoso.com' }; givenName = 'Old'; surname = 'Name'
                jobTitle = 'Clerk'; usageLocation = 'GB'; businessPhones = @('123'); country = 'UK'; city = 'Leeds'
            }
        }
        $script:Group = { param($call) [pscustomobject]@{ groupInfo = [pscustomobject]@{ displayName = "G $($call.Params.GroupID)"; id = $call.Params.GroupID; calculatedGroupType = 'm365' } } }
    }
    It 'throws when the user does not exist, without writing' {
        Use-FakeApi
        { Set-CIPPUser -CustomerTenantID $C -UserID 'nobody' } | Should -Throw '*not found*'
        @($script:Calls | Where-Object Method -EQ 'POST').Count | Should -Be 0
    }
    It 'posts parameters over existing values, group items and AddedAliases (fix: section 7 row 13)' {
        Use-FakeApi @{ '/api/Listusers' = $script:ExistingUser; '/api/ListGroups' = $script:Group }
        Set-CIPPUser -CustomerTenantID $C -UserID 'old@contoso.com' -City 'York' -AddToGroups $G -AddedAliases 'a1 a2'
        $script:Calls[0].Endpoint | Should -Be '/api/Listusers'
        $script:Calls[1].Endpoint | Should -Be '/api/ListGroups'
        $post = $script:Calls[-1]
        $post.Endpoint | Should -Be '/api/EditUser'
        $post.Body.City | Should -Be 'York'
        $post.Body.displayName | Should -Be 'Old Name'
        $post.Body.userPrincipalName | Should -Be 'old@contoso.com'
        $post.Body.Domain | Should -Be 'contoso.com'
        $post.Body.AddToGroups.value | Should -Be $G
        $post.Body.AddToGroups | Should -BeOfType [hashtable]
        $post.Body.RemoveFromGroups | Should -BeNullOrEmpty
        $post.Body.AddedAliases | Should -Be 'a1 a2'
        ConvertTo-Json -InputObject $post.Body.businessPhones -Compress | Should -Be '["123"]'
    }
    It 'leaves AddedAliases out when not given' {
        Use-FakeApi @{ '/api/Listusers' = $script:ExistingUser }
        Set-CIPPUser -CustomerTenantID $C -UserID 'old@contoso.com' -UserName 'new' -Domain 'fabrikam.com'
        $post = $script:Calls[-1]
        $post.Body.ContainsKey('AddedAliases') | Should -BeFalse
        $post.Body.userPrincipalName | Should -Be 'new@fabrikam.com'
    }
}

Describe 'Set-CIPPContact (read before write)' {
    It 'keeps existing values for parameters not given and always the existing CompanyName' {
        Use-FakeApi @{ '/api/listcontacts' = {
                [pscustomobject]@{ displayName = 'Old'; mail = 'o@x.com'; givenName = 'O'; surname = 'Ld'; companyName = 'Corp'
                    addresses = @([pscustomobject]@{ city = 'Leeds'; countryOrRegion = 'UK'; postalCode = 'LS1'; street = '1 Road' })
                    phones = @([pscustomobject]@{ type = 'mobile'; number = '07' }, [pscustomobject]@{ type = 'business'; number = '01' }) }
            } }
        Set-CIPPContact -CustomerTenantID $C -ContactID $G -DisplayName 'New' -City 'York'
        $post = $script:Calls[-1]
        $post.Endpoint | Should -Be '/api/Editcontact'
        $post.Body.DisplayName | Should -Be 'New'
        $post.Body.City | Should -Be 'York'
        $post.Body.mail | Should -Be 'o@x.com'
        $post.Body.CompanyName | Should -Be 'Corp'
        $post.Body.MobilePhone | Should -Be '07'
        $post.Body.BusinessPhone | Should -Be '01'
        $post.Body.tenantID | Should -Be $C
    }
    It 'rejects a ContactID that is not a GUID before any request' {
        Use-FakeApi
        { Set-CIPPContact -CustomerTenantID $C -ContactID 'not-a-guid' } | Should -Throw
        $script:Calls.Count | Should -Be 0
    }
}

Describe 'Add-CIPPExchConnector / Add-CIPPExchTransportRule' {
    It '<Command> deploys the named template with Select_ and selectedTenants (fix: section 7 row 7)' -TestCases @(
        @{ Command = 'Add-CIPPExchConnector'; Templates = '/api/listexconnectortemplates'; Deploy = '/api/AddExConnector' }
        @{ Command = 'Add-CIPPExchTransportRule'; Templates = '/api/ListTransportRulesTemplates'; Deploy = '/api/AddTransportRule' }
    ) {
        Use-FakeApi @{ $Templates = { [pscustomobject]@{ name = 'T1'; GUID = 'tg1'; comments = 'c' }; [pscustomobject]@{ name = 'T2'; GUID = 'tg2' } } }
        & $Command -CustomerTenantDefaultDomain $C -TemplateName 'T1'
        $script:Calls.Count | Should -Be 2
        $post = $script:Calls[1]
        $post.Endpoint | Should -Be $Deploy
        $post.Body.TemplateList | Should -Be 'tg1'
        $post.Body.Select_ | Should -Be $C
        $post.Body.selectedTenants[0].value | Should -Be $C
        ($post.Body.PowerShellCommand | ConvertFrom-Json).name | Should -Be 'T1'
    }
    It 'throws after the template read when no template matches' {
        Use-FakeApi @{ '/api/listexconnectortemplates' = { [pscustomobject]@{ name = 'T1'; GUID = 'tg1' } } }
        { Add-CIPPExchConnector -CustomerTenantDefaultDomain $C -TemplateGuid $G } | Should -Throw "Template with GUID $G not found."
        $script:Calls.Count | Should -Be 1
    }
}

Describe 'Set-CIPPExtensionMappingHaloPSA' {
    It 'adds the mapping to the existing ones and posts them all' {
        Use-FakeApi @{ '/api/ExecExtensionMapping' = { param($call) if ($call.Method -eq 'GET') { [pscustomobject]@{ mappings = [pscustomobject]@{ 'other.onmicrosoft.com' = @{ value = '1'; label = 'One' } } } } } }
        Set-CIPPExtensionMappingHaloPSA -HaloClientID '5' -HaloClientName 'Five' -TenantID $C
        $post = $script:Calls[1]
        $post.Params.AddMapping | Should -Be 'HaloPSA'
        $post.Body.mappings.$C.value | Should -Be '5'
        $post.Body.mappings.'other.onmicrosoft.com'.label | Should -Be 'One'
    }
    It 'stops after the read when the answer has no mappings' {
        Use-FakeApi @{ '/api/ExecExtensionMapping' = { [pscustomobject]@{ Results = 'nothing' } } }
        { Set-CIPPExtensionMappingHaloPSA -HaloClientID '5' -HaloClientName 'Five' -TenantID $C } | Should -Throw
        $script:Calls.Count | Should -Be 1
    }
}

Describe 'New-CIPPGDAPInvite -UseAllExistingRoles' {
    It 'posts the roles read from ListGDAPRoles' {
        Use-FakeApi @{ '/api/ListGDAPRoles' = { [pscustomobject]@{ RoleName = 'r1' }; [pscustomobject]@{ RoleName = 'r2' } } }
        New-CIPPGDAPInvite -UseAllExistingRoles
        $script:Calls[1].Endpoint | Should -Be '/api/ExecGDAPInvite'
        @($script:Calls[1].Body.roleMappings).RoleName | Should -Be @('r1', 'r2')
    }
}

Describe 'New-CIPPAutopilotConfig' {
    It 'posts once per tenant, returns each response and warns when one has no Results' {
        Use-FakeApi @{ '/api/AddAutopilotConfig' = { param($call) if ($call.Body.selectedTenants.value -eq 't1') { [pscustomobject]@{ Results = 'ok' } } else { [pscustomobject]@{ Other = 1 } } } }
        $out = @(New-CIPPAutopilotConfig -CustomerTenantID 't1', 't2' -DisplayName 'P' -Description 'D' -WarningVariable w -WarningAction SilentlyContinue)
        $script:Calls.Count | Should -Be 2
        $out.Count | Should -Be 2
        @($w).Count | Should -Be 1
    }
}

Describe 'Generated request commands: the request built from the catalog entry (CippApi.CippCommandRequest)' {
    BeforeAll {
        # A function shaped like a generated one, defined in the module (its helpers are in reach), returning what
        # Build hands to Invoke-CIPPRestMethod.
        & (Get-Module CIPPAPIModule) {
            function script:Test-CIPPEntry {
                [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
                param([Parameter(Mandatory)][string]$Entry, [string]$Name, [string]$Unset, [bool]$Flag = $true, [switch]$On, [string[]]$List)
                [CippApi.CippCommandRequest]::Build($PSCmdlet, $Entry)
            }
        }
        function script:Invoke-Entry([hashtable]$Entry, [hashtable]$Arguments = @{}) {
            $json = $Entry | ConvertTo-Json -Compress -Depth 5
            & (Get-Module CIPPAPIModule) { param($j, $a) Test-CIPPEntry -Entry $j @a } $json $Arguments
        }
    }

    It 'reads the parameters as the function holds them: bound, defaulted and unbound' {
        $r = Invoke-Entry @{ Method = 'POST'; Endpoint = '/api/X'; Body = [ordered]@{ name = '$Name'; unset = '$Unset'; flag = '$Flag'; on = '$On' } } @{ Name = 'ada' }
        $r.Endpoint | Should -BeExactly '/api/X'
        $r.Method | Should -BeExactly 'POST'
        $r.ContainsKey('Params') | Should -BeFalse
        $r.Body.name | Should -BeExactly 'ada'
        $r.Body.unset | Should -BeExactly ''
        $r.Body.flag | Should -BeTrue
        $r.Body.on | Should -BeOfType [System.Management.Automation.SwitchParameter]
        $r.Body.on.IsPresent | Should -BeFalse
    }

    It 'evaluates expressions as the hashtable literal would: constants, arrays kept, nothing is $null, helpers in reach' {
        $body = [ordered]@{
            text = "'it''s'"; yes = '$true'; none = '$null'; number = '999'
            wrapped = '@{ value = $Name }'; two = "ConvertTo-CIPPFormattedArray -Array `$List -Prefix 'Add'"
            one = "ConvertTo-CIPPFormattedArray -Array @(`$List)[0] -Prefix 'Add'"; empty = "ConvertTo-CIPPFormattedArray -Array @() -Prefix 'Add'"
            bound = '$PSBoundParameters.ContainsKey(''Name'')'
        }
        $r = Invoke-Entry @{ Method = 'POST'; Endpoint = '/api/X'; Body = $body } @{ Name = 'ada'; List = 'a', 'b' }
        $literal = & (Get-Module CIPPAPIModule) {
            param($Name, $List)
            @{ two = ConvertTo-CIPPFormattedArray -Array $List -Prefix 'Add'; one = ConvertTo-CIPPFormattedArray -Array @($List)[0] -Prefix 'Add' }
        } 'ada' @('a', 'b')
        $r.Body.text | Should -BeExactly "it's"
        $r.Body.yes | Should -BeTrue
        $r.Body.ContainsKey('none') | Should -BeTrue
        $r.Body.none | Should -BeNullOrEmpty
        $r.Body.number | Should -Be 999
        $r.Body.wrapped.value | Should -BeExactly 'ada'
        $r.Body.two.GetType() | Should -Be $literal.two.GetType()
        @($r.Body.two).label | Should -Be @('Add - a', 'Add - b')
        $r.Body.one | Should -BeOfType [hashtable]
        $r.Body.one.label | Should -BeExactly 'Add - a'
        $null -eq $r.Body.empty | Should -BeTrue
        $r.Body.bound | Should -BeTrue
        ($r.Body | ConvertTo-Json -Depth 5 -Compress) | Should -BeExactly ((& (Get-Module CIPPAPIModule) {
            param($Name, $List)
            @{ text = 'it''s'; yes = $true; none = $null; number = 999; wrapped = @{ value = $Name }; two = ConvertTo-CIPPFormattedArray -Array $List -Prefix 'Add'
               one = ConvertTo-CIPPFormattedArray -Array @($List)[0] -Prefix 'Add'; empty = ConvertTo-CIPPFormattedArray -Array @() -Prefix 'Add'; bound = $true }
        } 'ada' @('a', 'b')) | ConvertTo-Json -Depth 5 -Compress)
    }

    It 'sends a conditional key only when its condition holds, with its own value or the condition''s' {
        $entry = @{ Method = 'GET'; Endpoint = '/api/X'; Query = [ordered]@{ fixed = "'f'" }; QueryIf = [ordered]@{ name = '$Name'; on = @{ If = '$On'; Value = "'yes'" }; unset = '$Unset' } }
        $r = Invoke-Entry $entry @{ Name = 'ada'; On = $true }
        $r.Params.Keys | Sort-Object | Should -Be @('fixed', 'name', 'on')
        $r.Params.name | Should -BeExactly 'ada'
        $r.Params.on | Should -BeExactly 'yes'
        (Invoke-Entry $entry @{}).Params.Keys | Should -Be @('fixed')
        $r.ContainsKey('Body') | Should -BeFalse
    }

    It 'keeps the literal''s key order (same comparer and capacity, keys in the entry''s order)' {
        $keys = 'tenantFilter', 'displayName', 'mail', 'message', 'redirectUri', 'sendInvite', 'username', 'ID', 'userPrincipalName'
        $sorted = $keys | Sort-Object
        $body = [ordered]@{}
        foreach ($k in $sorted) { $body[$k] = "'$k'" }
        $r = Invoke-Entry @{ Method = 'POST'; Endpoint = '/api/X'; Body = $body }
        $literal = [scriptblock]::Create('@{ ' + (($sorted | ForEach-Object { "'$_' = '$_'" }) -join '; ') + ' }').Invoke()[0]
        @($r.Body.Keys) | Should -Be @($literal.Keys)
    }

    It 'with an Operation: -WhatIf hands the request on (Invoke-CIPPRestMethod prints it), -Confirm:$false too' {
        $entry = @{ Method = 'POST'; Endpoint = '/api/X'; Body = @{ n = '$Name' }; Target = '$Name'; Operation = 'POST /api/X' }
        $r = Invoke-Entry $entry @{ Name = 'ada'; WhatIf = $true }
        $r.Body.n | Should -BeExactly 'ada'
        (Invoke-Entry $entry @{ Name = 'ada'; Confirm = $false }).Endpoint | Should -BeExactly '/api/X'
    }

    It 'names the fix for an invalid entry' {
        { Invoke-Entry @{ Method = 'GET' } } | Should -Throw '*no Endpoint*Build-Commands.ps1*'
    }
}

Describe 'ShouldProcess commands' {
    It 'Remove-CIPPScheduledItem -WhatIf hands the request to Invoke-CIPPRestMethod, which prints it (Safety.Tests.ps1 checks that nothing is sent)' {
        Use-FakeApi
        Remove-CIPPScheduledItem -ID 'x' -WhatIf
        $script:Calls.Count | Should -Be 1
        $script:Calls[0].Endpoint | Should -Be '/api/RemoveScheduledItem'
    }
    It 'Remove-CIPPScheduledItem -Confirm:$false sends the request' {
        Use-FakeApi
        Remove-CIPPScheduledItem -ID 'x' -Confirm:$false
        $script:Calls.Count | Should -Be 1
        $script:Calls[0].Params.id | Should -Be 'x'
    }
}

Describe 'Remove-CIPPQueue (kept: section 7 row 1)' {
    It 'accepts -QueueId but does not send it' {
        Use-FakeApi
        Remove-CIPPQueue -QueueId 'q1'
        $script:Calls[0].Endpoint | Should -Be '/api/RemoveCippQueue'
        $script:Calls[0].Body | Should -BeNullOrEmpty
        $script:Calls[0].Params | Should -BeNullOrEmpty
    }
}
