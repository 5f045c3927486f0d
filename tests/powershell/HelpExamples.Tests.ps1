#Requires -Version 7.0
# Every help example (Get-Help <command> -Examples) of every exported command runs against cipp-mock, as a user
# would paste it, under -WhatIf semantics: $WhatIfPreference is $true while an example runs, so reads run and every
# change is only previewed. An example fails when it throws, writes an error, or sends anything but reads to the
# server. The few examples that cannot pass against the mock are in $skip (BeforeDiscovery), each with its reason.
#
# Run: pwsh -NoProfile -NonInteractive -Command "& ./tests/powershell/Invoke-AllTests.ps1 -Path ./tests/powershell/HelpExamples.Tests.ps1"

BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Import-CippModuleForTest -ErrorAction Stop
    $manifest = Import-PowerShellDataFile (Join-Path $root 'powershell/CIPPAPIModule/CIPPAPIModule.psd1')

    # Examples that fail against the mock for a reason outside the example, keyed '<command> #<example number>'.
    $skip = [ordered]@{
        'Get-CIPPBestPracticeAnalyser #1' = 'the Best Practice Analyser is deprecated: CIPP 10.8.2 and the mock answer 503 "This feature has been disabled"'
        'Get-CIPPBestPracticeAnalyser #2' = 'the Best Practice Analyser is deprecated: CIPP 10.8.2 and the mock answer 503 "This feature has been disabled"'
        'Get-CIPPBPA #1' = 'the Best Practice Analyser is deprecated: CIPP 10.8.2 and the mock answer 503 "This feature has been disabled"'
        'Get-CIPPBPA #2' = 'the Best Practice Analyser is deprecated: CIPP 10.8.2 and the mock answer 503 "This feature has been disabled"'
        'Get-CIPPBPATemplates #1' = 'the Best Practice Analyser is deprecated: CIPP 10.8.2 and the mock answer 503 "This feature has been disabled"'
        'Get-CIPPBPATemplates #2' = 'the Best Practice Analyser is deprecated: CIPP 10.8.2 and the mock answer 503 "This feature has been disabled"'
        'Get-CIPPPhishPolicies #1' = '/api/listphishpolicies is gone from CIPP since 7.0.0 (contract section 8): the mock answers 404 Endpoint not found'
        'Get-CIPPPhishPolicies #2' = '/api/listphishpolicies is gone from CIPP since 7.0.0 (contract section 8): the mock answers 404 Endpoint not found'
        'Get-CIPPSafeLinkFilter #1' = '/api/ListSafeLinksFilters is gone from CIPP since 8.1.0 (contract section 8): the mock answers 404 Endpoint not found'
        'Get-CIPPSafeLinkFilter #2' = '/api/ListSafeLinksFilters is gone from CIPP since 8.1.0 (contract section 8): the mock answers 404 Endpoint not found'
        'Get-CIPPExecAPIPermissionsList #1' = 'needs CIPP.SuperAdmin.Read; the mock''s default client has the admin role (403)'
        'Get-CIPPExecAPIPermissionsList #2' = 'needs CIPP.SuperAdmin.Read; the mock''s default client has the admin role (403)'
        # Wait-CIPPQueue example 1 needs a real change (a queued cache refresh) to wait for; under -WhatIf the refresh
        # is only previewed and there is no QueueId. (As written its ExecCIPPDBCache call also lacks the Name that
        # CIPP requires: 400 "Name is required".) Example 2 runs with a queue item the test creates.
        'Wait-CIPPQueue #1' = 'waits for the queue item of a real ExecCIPPDBCache call, which -WhatIf only previews'
    }

    $cases = [System.Collections.Generic.List[hashtable]]::new()
    foreach ($name in $manifest.FunctionsToExport | Sort-Object) {
        $number = 0
        foreach ($example in @((Get-Help -Name $name -Examples -ErrorAction Stop).examples.example)) {
            $number++
            $key = "$name #$number"
            $cases.Add(@{ Key = $key; Name = $name; Code = (@($example.code) -join "`n").Trim(); SkipReason = $skip[$key] })
        }
    }
    $script:ExampleCases = $cases.ToArray()
    $script:UnknownSkips = @($skip.Keys | Where-Object { $_ -notin $cases.Key })
    Remove-Module CIPPAPIModule -Force -ErrorAction SilentlyContinue
}

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Mock = Start-CippMock
    $script:SavedEnv = @{}
    foreach ($k in 'CIPPAPI_AUTHORITY_HOST', 'PSModulePath') { $script:SavedEnv[$k] = [Environment]::GetEnvironmentVariable($k) }
    $env:CIPPAPI_AUTHORITY_HOST = $script:Mock.http
    # Set-CIPPAPIDetails example 3 runs `Import-Module CIPPAPIModule` in parallel runspaces, as for an installed module.
    $env:PSModulePath = (Join-Path $script:Root 'powershell') + [System.IO.Path]::PathSeparator + $env:PSModulePath
    $null = Import-CippModuleForTest -ErrorAction Stop
    # Get-CIPPBECCheck waits between polls; no need to wait against the mock.
    & (Get-Module CIPPAPIModule) { $script:CIPPBECCheckPollSeconds = 0 }

    function script:Connect-Mock {
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret `
            -CIPPAPIUrl $script:Mock.http -TenantID $script:Mock.tenant_id
    }
    Connect-Mock
    # Get-CIPPEndpoint registers its table view (Update-FormatData) on its first call; under the examples'
    # $WhatIfPreference that would only print "What if: ... Update FormatData", so make the first call here.
    $null = Get-CIPPEndpoint -Name 'ListUsers'

    # The instance URL the examples use (Set-CIPPAPIDetails, Test-CIPPPublicPing) stands for the mock.
    $script:ExampleInstanceUrl = 'https://cippabcde.azurewebsites.net'

    # Reads whose data the mock does not have (it lists no templates, has no HaloPSA extension, generates other
    # users): the answer a CIPP holding that data gives, served once by a mock fault (a 200 status fault), so that
    # the example still runs its whole hook.
    $connectorTemplate = '[{"GUID":"6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c","name":"Contoso Outbound Smart Host","cippconnectortype":"Outbound","ConnectorType":"Partner","SmartHosts":["smtp.contoso.com"]}]'
    $ruleTemplate = '[{"GUID":"7a2e3d4c-5b6f-4071-9c8d-0e1f2a3b4c5d","name":"Contoso External Sender Warning","PrependSubject":"[EXTERNAL] ","FromScope":"NotInOrganization"}]'
    $haloMappings = '{"Tenants":[],"HaloClients":[{"name":"Contoso Ltd","value":"42"}],"Mappings":{"fabrikam.onmicrosoft.com":{"label":"Fabrikam Inc","value":"17"}}}'
    $adele = '[{"id":"5c1f8f0e-2b7d-4a3e-9f61-8d2c4b7a9e10","userPrincipalName":"adele.vance@contoso.onmicrosoft.com","username":"adele.vance","displayName":"Adele Vance","givenName":"Adele","surname":"Vance","primDomain":{"value":"contoso.onmicrosoft.com"},"jobTitle":"Sales Representative","usageLocation":"GB","businessPhones":["+44 20 7946 0000"]}]'
    $script:CannedAnswers = @{
        'Add-CIPPExchConnector' = @{ match = 'listexconnectortemplates'; body = $connectorTemplate }
        'Add-CIPPExchTransportRule' = @{ match = 'ListTransportRulesTemplates'; body = $ruleTemplate }
        'Set-CIPPExtensionMappingHaloPSA' = @{ match = 'ExecExtensionMapping'; body = $haloMappings }
        'Set-CIPPUser' = @{ match = 'ListUsers'; body = $adele }
    }

    # Reads sent to endpoints that the catalog classes as changes (their CIPP role is not a .Read role).
    $script:ReadsOfChangeEndpoints = @(
        'GET /api/PublicPing'                        # Test-CIPPPublicPing: the unauthenticated health check
        'GET /api/ExecExtensionMapping?List=HaloPSA' # Set-CIPPExtensionMappingHaloPSA reads the current mappings
    )

    # Runs one example as a user would, in a scope of its own below this function, which defines the variables
    # examples refer to. Returns the errors it wrote or threw (as text) and the requests it sent.
    # Special cases:
    # - Set-CIPPAPIDetails: $ClientId, $Secret, $Url, $TenantId are the mock's details, Get-Secret stands in for the
    #   SecretManagement vault, the examples' instance URL is replaced by the mock's, example 3's parallel runspaces
    #   find the module on PSModulePath (BeforeAll), and the test connects to the mock again after each example
    #   (they switch to other details and read-only mode).
    # - Wait-CIPPQueue: $id is a queue item made through the mock's control surface (POST /_mock/queue).
    function script:Invoke-HelpExample([hashtable]$Case) {
        $__code = $Case.Code.Replace($script:ExampleInstanceUrl, $script:Mock.http)
        # Variables the examples use, with values that work against the mock.
        $tenant = 'contoso.onmicrosoft.com'
        $tenants = @('contoso.onmicrosoft.com', 'fabrikam.onmicrosoft.com')
        $ClientId = $script:Mock.client_id
        $Secret = $script:Mock.client_secret
        $Url = $script:Mock.http
        $TenantId = $script:Mock.tenant_id
        # Set-CIPPAPIDetails example 1 reads the secret from a SecretManagement vault; stand in for Get-Secret.
        function Get-Secret([string]$Name) { ConvertTo-SecureString -String $script:Mock.client_secret -AsPlainText -Force }
        if ($Case.Name -eq 'Wait-CIPPQueue') {
            # A queued job for Wait-CIPPQueue -QueueId $id; observed once here, so the example sees it run and finish.
            $id = (Invoke-RestMethod -Uri "$($script:Mock.http)/_mock/queue" -Method Post -NoProxy -ContentType 'application/json' `
                    -Body '{"name":"Users cache refresh","total_tasks":2}').RowKey
            $null = Invoke-CIPPRestMethod -Endpoint '/api/ListCippQueue' -Params @{ QueueId = $id }
        }
        if ($script:CannedAnswers.ContainsKey($Case.Name)) {
            $__canned = $script:CannedAnswers[$Case.Name]
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = $__canned.match; method = 'GET'; kind = 'status'; status = 200; content_type = 'application/json; charset=utf-8'; body = $__canned.body }
        }
        Clear-CippMockRequest -Mock $script:Mock
        $__errors = [System.Collections.Generic.List[string]]::new()
        $__block = [scriptblock]::Create($__code)
        # Global, so that the module's functions see it too (preference variables do not flow into a module from the
        # caller's scope); the module then previews every change and lets reads run. Under -WhatIf nothing prompts,
        # not even ConfirmImpact High commands, so the run stays non-interactive.
        $__savedWhatIf = $global:WhatIfPreference
        $global:WhatIfPreference = $true
        try {
            foreach ($__item in & $__block 2>&1 3>$null 4>$null 5>$null 6>$null) {
                if ($__item -is [System.Management.Automation.ErrorRecord]) { $__errors.Add("error: $__item") }
            }
        } catch {
            $__errors.Add("threw: $_")
        } finally {
            $global:WhatIfPreference = $__savedWhatIf
            $null = Invoke-RestMethod -Uri "$($script:Mock.http)/_mock/faults" -Method Delete -NoProxy
            # Set-CIPPAPIDetails examples replace the connection (another URL, tenant or read-only mode).
            if ($Case.Name -eq 'Set-CIPPAPIDetails') { Connect-Mock }
        }
        $sent = @(Get-CippMockRequest -Mock $script:Mock | Where-Object { $_.path -like '/api/*' })
        [pscustomobject]@{ Errors = $__errors.ToArray(); Sent = $sent }
    }
}

AfterAll {
    Remove-Module CIPPAPIModule -Force -ErrorAction SilentlyContinue
    if ($script:Mock) { Stop-CippMock $script:Mock }
    foreach ($k in $script:SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($k, $script:SavedEnv[$k]) }
}

Describe 'Help examples' {
    It 'the skip list names only examples that exist' -TestCases @{ UnknownSkips = $UnknownSkips } {
        $UnknownSkips | Should -BeNullOrEmpty
    }

    It '<Key> runs against the mock under -WhatIf' -ForEach $ExampleCases {
        $result = Invoke-HelpExample $_
        if ($SkipReason) {
            # Known to fail against the mock for the stated reason: proven to fail (not skipped), and still sends no change.
            $result.Errors -join "`n" | Should -Not -BeNullOrEmpty -Because "$SkipReason (if it passes now, drop it from the list)"
            return
        }
        $result.Errors -join "`n" | Should -BeNullOrEmpty -Because "the example`n    $Code`nshould run as written"
        # Only reads reach the server: changes are previewed.
        $changes = @(foreach ($request in $result.Sent) {
                $call = "$($request.method) $($request.path)$(if ($request.raw_query) { "?$($request.raw_query)" })"
                if ($call -notin $script:ReadsOfChangeEndpoints -and -not [CippApi.CippCatalog]::IsReadCall($request.path)) { $call }
            })
        $changes | Should -BeNullOrEmpty -Because 'under -WhatIf only reads are sent'
    }
}
