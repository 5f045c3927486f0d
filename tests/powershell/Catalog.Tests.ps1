#Requires -Version 7.0
# Pester 5 tests of Get-CIPPEndpoint (the built-in endpoint catalog) and of the module's tab completion, driven
# through TabExpansion2 against the cipp-mock server: endpoint names, -Params/-Body snippets, tenant names.
#
# Run: pwsh -NoProfile -Command "Invoke-Pester -Path tests/powershell/Catalog.Tests.ps1 -Output Detailed"

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $script:Mock = Start-CippMock
    $script:SavedAuthority = $env:CIPPAPI_AUTHORITY_HOST
    $env:CIPPAPI_AUTHORITY_HOST = $script:Mock.http
    $script:Module = Import-CippModuleForTest

    function script:Connect-Mock {
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret `
            -CIPPAPIUrl $script:Mock.http -TenantID $script:Mock.tenant_id
    }

    # Completions for the end of a line.
    function script:Complete([string]$Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    function script:Get-ListTenantsCount {
        @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListTenants').Count
    }
}

AfterAll {
    if ($script:Mock) { Stop-CippMock -Mock $script:Mock }
    $env:CIPPAPI_AUTHORITY_HOST = $script:SavedAuthority
    Remove-Module CIPPAPIModule -ErrorAction Ignore
}

Describe 'Get-CIPPEndpoint' {
    It 'lists the whole native catalog' {
        $all = @(Get-CIPPEndpoint)
        $all.Count | Should -Be ([CippApi.CippCatalog]::Count)
        $all.Count | Should -Be 645
        @($all.Name | Sort-Object -Unique).Count | Should -Be 645
    }

    It 'returns objects with the documented properties' {
        $e = Get-CIPPEndpoint ListUsers
        $e.PSObject.TypeNames[0] | Should -Be 'CippApi.CippEndpoint'
        $e.Name | Should -Be 'ListUsers'
        $e.Method | Should -Be 'GET'
        $e.Role | Should -Be 'Identity.User.Read'
        $e.AnyTenant | Should -BeFalse
        $e.IsRead | Should -BeTrue
        $e.QueryParameters | Should -Be @('graphFilter', 'IncludeLogonDetails', 'tenantFilter', 'UserID')
        $e.BodyParameters.Count | Should -Be 0
        $e.RequiredParameters | Should -Be @('tenantFilter')
    }

    It 'matches exact names case-insensitively, with or without /api/' {
        (Get-CIPPEndpoint listusers).Name | Should -Be 'ListUsers'
        (Get-CIPPEndpoint '/api/ListUsers').Name | Should -Be 'ListUsers'
        (Get-CIPPEndpoint 'api/ListUsers?x=1').Name | Should -Be 'ListUsers'
        (Get-CIPPEndpoint -Endpoint 'ListUsers').Name | Should -Be 'ListUsers'
    }

    It 'searches with wildcards and combines -Role, -Method and -ReadOnly' {
        $mailbox = @(Get-CIPPEndpoint '*Mailbox*')
        $mailbox.Count | Should -BeGreaterThan 10
        foreach ($e in $mailbox) { $e.Name | Should -BeLike '*mailbox*' }
        $read = @(Get-CIPPEndpoint '*Mailbox*' -ReadOnly)
        $read.Count | Should -BeGreaterThan 0
        $read.Count | Should -BeLessThan $mailbox.Count
        foreach ($e in $read) { $e.Role | Should -BeLike '*.Read' }
        $post = @(Get-CIPPEndpoint -Role 'Identity.User.*' -Method POST)
        $post.Name | Should -Contain 'AddUser'
        foreach ($e in $post) {
            $e.Method | Should -Be 'POST'
            $e.Role | Should -BeLike 'Identity.User.*'
        }
        @(Get-CIPPEndpoint -Role 'identity.user.read').Name | Should -Contain 'ListUsers'
        @(Get-CIPPEndpoint ListUsers -Method POST).Count | Should -Be 0
    }

    It 'IsRead follows the read-only rule (role ends in .Read) for every endpoint' {
        foreach ($e in Get-CIPPEndpoint) {
            $e.IsRead | Should -Be ($e.Role.EndsWith('.Read'))
            foreach ($r in $e.RequiredParameters) { (@($e.QueryParameters) + @($e.BodyParameters)) | Should -Contain $r }
        }
    }

    It 'takes names from the pipeline and writes each endpoint once' {
        $names = @('ListUsers', 'listusers', 'ListGroups' | Get-CIPPEndpoint).Name
        $names | Should -Be @('ListUsers', 'ListGroups')
    }

    It 'writes a non-terminating ObjectNotFound error for an unknown name' {
        $found = @(Get-CIPPEndpoint 'NoSuchEndpoint', 'ListUsers' -ErrorVariable missing -ErrorAction SilentlyContinue)
        $found.Name | Should -Be 'ListUsers'
        $missing.Count | Should -Be 1
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'CIPPEndpointNotFound*'
        $missing[0].Exception.Message | Should -BeLike "*'NoSuchEndpoint'*wildcards*"
        @(Get-CIPPEndpoint 'NoSuch*').Count | Should -Be 0
        # A misspelling: the library's closest catalog name (CippCatalog.Suggest) is offered.
        $null = Get-CIPPEndpoint '/api/ListUserz' -ErrorVariable typo -ErrorAction SilentlyContinue
        $typo[0].Exception.Message | Should -BeLike "*no endpoint named 'ListUserz'. Did you mean 'ListUsers'?*"
        [CippApi.CippCatalog]::Suggest('ListUserz') | Should -BeExactly 'ListUsers'
        [CippApi.CippCatalog]::Suggest('ListUsers') | Should -BeNullOrEmpty -Because 'a known endpoint needs no suggestion'
        [CippApi.CippCatalog]::Suggest('CompletelyUnrelatedThing') | Should -BeNullOrEmpty
    }

    It 'registers its table view on the first call, not at import (no format data loaded by Import-Module)' {
        $psd1 = [System.IO.Path]::Combine((Get-CippRepoRoot), 'powershell', 'CIPPAPIModule', 'CIPPAPIModule.psd1')
        $run = Invoke-CippChildPwsh -Environment @{
            CIPPAPI_NATIVE_PATH = Get-CippNativeLibraryPath
            CIPPAPI_CACHE_DIR   = [System.IO.Path]::Combine((Get-CippRepoRoot), 'target', 'pwsh-binding-cache')
        } -Script @"
Import-Module '$psd1' 6>`$null
'FORMATS=' + @((Get-Module CIPPAPIModule).ExportedFormatFiles).Count
'VIEW_BEFORE=' + @(Get-FormatData -TypeName CippApi.CippEndpoint).Count
`$text = Get-CIPPEndpoint ListUsers | Out-String -Width 200
'VIEW_AFTER=' + @(Get-FormatData -TypeName CippApi.CippEndpoint).Count
Import-Module '$psd1' -Force 6>`$null
`$again = Get-CIPPEndpoint ListUsers | Out-String -Width 200
'TABLE=' + (`$text -match 'Name\s+Method\s+Role\s+IsRead\s+AnyTenant\s+RequiredParameters') + ',' + (`$again -eq `$text)
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.StdOut | Should -Match 'FORMATS=0'
        $run.StdOut | Should -Match 'VIEW_BEFORE=0'
        $run.StdOut | Should -Match 'VIEW_AFTER=1'
        $run.StdOut | Should -Match 'TABLE=True,True'
    }

    It 'has a default table view' {
        $text = Get-CIPPEndpoint ListUsers | Out-String -Width 200
        $text | Should -Match 'Name\s+Method\s+Role\s+IsRead\s+AnyTenant\s+RequiredParameters'
        $text | Should -Match 'ListUsers\s+GET\s+Identity\.User\.Read\s+True\s+False\s+tenantFilter'
    }
}

Describe 'The library answers endpoint questions for the binding' {
    It 'CippCatalog.IsReadCall is what a read-only client refuses, for every catalog endpoint and unknown names' {
        $client = [CippApi.CippClient]::new([System.Collections.Generic.KeyValuePair[string, string][]]@(
                [System.Collections.Generic.KeyValuePair[string, string]]::new('client_id', 'c'),
                [System.Collections.Generic.KeyValuePair[string, string]]::new('client_secret', 's'),
                [System.Collections.Generic.KeyValuePair[string, string]]::new('api_url', 'https://cipp.invalid'),
                [System.Collections.Generic.KeyValuePair[string, string]]::new('tenant_id', 't.invalid'),
                [System.Collections.Generic.KeyValuePair[string, string]]::new('read_only', 'true')))
        try {
            $names = @([CippApi.CippCatalog]::Endpoints().Name) + 'ListSomethingNew', 'getNew', 'ExecSomethingNew', '/API/ListNew'
            $disagree = foreach ($n in $names) {
                $refused = $null -ne (ConvertFrom-Json $client.Preview('GET', $n)).refused
                if ([CippApi.CippCatalog]::IsReadCall($n) -eq $refused) { $n }
            }
            @($disagree) | Should -BeNullOrEmpty
            [CippApi.CippCatalog]::IsReadCall('/API/ListSomethingNew') | Should -BeTrue
            [CippApi.CippCatalog]::IsReadCall('ListOffboardTenants') | Should -BeFalse -Because 'its role is ReadWrite'
            [CippApi.CippCatalog]::IsReadCall('ExecAPIPermissionList') | Should -BeTrue -Because 'its role is .Read'
        } finally { $client.Dispose() }
    }

    It 'CippCatalog.EndpointName is the library''s normalised name: <Text> -> <Name>' -ForEach @(
        @{ Text = '/API/listusers'; Name = 'ListUsers' }
        @{ Text = 'api/ListLogs?x=1'; Name = 'ListLogs' }
        @{ Text = '/Api/execresetpass/'; Name = 'ExecResetPass' }
        @{ Text = 'Api/ListSomethingNew'; Name = 'ListSomethingNew' }
    ) {
        [CippApi.CippCatalog]::EndpointName($Text) | Should -BeExactly $Name
    }

    It 'completion and Get-CIPPEndpoint read names through the library''s normaliser' {
        (Complete 'Invoke-CIPPRestMethod -Endpoint API/listus').CompletionText | Should -Contain '/api/ListUsers'
        (Complete 'Invoke-CIPPRestMethod -Endpoint /api/').Count | Should -Be 645
        (Get-CIPPEndpoint ' /API/listusers/').Name | Should -BeExactly 'ListUsers'
        (Get-CIPPEndpoint 'api/ListUsers#top').Name | Should -BeExactly 'ListUsers'
    }

    It 'CippCatalog.EndpointWord gives the name part of a partly typed endpoint, where EndpointName refuses' {
        [CippApi.CippCatalog]::EndpointWord('/api/') | Should -BeExactly ''
        [CippApi.CippCatalog]::EndpointWord('API/Li[st*?x=') | Should -BeExactly 'Li[st*'
        { [CippApi.CippCatalog]::EndpointName('/api/') } | Should -Throw
        (Complete 'Invoke-CIPPRestMethod -Endpoint /api/List[UV]sers').CompletionText | Should -Contain '/api/ListUsers'
    }

    It 'CippCatalog.EndpointName refuses what the library refuses' {
        { [CippApi.CippCatalog]::EndpointName('ListTenants/../x') } | Should -Throw -ExpectedMessage "*endpoint 'ListTenants/../x'*"
    }
}

Describe 'Tab completion' {
    Context 'endpoint names' {
        It 'completes -Endpoint of Invoke-CIPPRestMethod with /api/<Name> in catalog case' {
            $m = Complete 'Invoke-CIPPRestMethod -Endpoint /api/listus'
            $m.Count | Should -BeGreaterThan 0
            $m.CompletionText | Should -Contain '/api/ListUsers'
            foreach ($r in $m) { $r.CompletionText | Should -BeLike '/api/ListUs*' }
            ($m | Where-Object CompletionText -EQ '/api/ListUsers').ListItemText | Should -Be 'ListUsers'
            ($m | Where-Object CompletionText -EQ '/api/ListUsers').ToolTip | Should -BeLike '*GET*Identity.User.Read*tenantFilter*'
        }

        It 'accepts a bare name, keeps the user''s quote and falls back to a substring match' {
            (Complete 'Invoke-CIPPRestMethod -Endpoint ListMailbo').CompletionText | Should -Contain '/api/ListMailboxes'
            (Complete "Invoke-CIPPRestMethod -Endpoint 'ListMailbo").CompletionText | Should -Contain "'/api/ListMailboxes'"
            (Complete 'Invoke-CIPPRestMethod -Endpoint "ListMailbo').CompletionText | Should -Contain '"/api/ListMailboxes"'
            (Complete 'Invoke-CIPPRestMethod -Endpoint MailboxPerm').CompletionText | Should -Contain '/api/ListmailboxPermissions'
            @(Complete 'Invoke-CIPPRestMethod -Endpoint ').Count | Should -Be 645
        }

        It 'completes -Endpoint of Invoke-CIPPForEachTenant and bare names for Get-CIPPEndpoint -Name' {
            (Complete 'Invoke-CIPPForEachTenant -Endpoint /api/ListUse').CompletionText | Should -Contain '/api/ListUsers'
            (Complete 'Get-CIPPEndpoint ListUse').CompletionText | Should -Contain 'ListUsers'
            (Complete 'Get-CIPPEndpoint -Name ListUse').CompletionText | Should -Not -Contain '/api/ListUsers'
        }
    }

    Context '-Params and -Body' {
        It 'offers hashtable snippets with the endpoint''s query parameters for -Params' {
            $m = Complete 'Invoke-CIPPRestMethod -Endpoint /api/ListUsers -Params '
            $texts = $m.CompletionText
            $texts[0] | Should -Be "@{ tenantFilter = '' }"
            $texts | Should -Contain "@{ graphFilter = ''; IncludeLogonDetails = ''; tenantFilter = ''; UserID = '' }"
            $texts | Should -Contain "@{ UserID = '' }"
            (Complete 'Invoke-CIPPRestMethod -Endpoint /api/ListUsers -Params Us').CompletionText | Should -Be @("@{ UserID = '' }")
            # Snippets are valid PowerShell hashtables.
            foreach ($t in $texts) { (Invoke-Expression $t) | Should -BeOfType ([hashtable]) }
        }

        It 'offers the body parameters for -Body' {
            $texts = (Complete 'Invoke-CIPPRestMethod -Endpoint /api/AddUser -Method POST -Body ').CompletionText
            $texts | Should -Contain "@{ tenantFilter = '' }"
            $texts | Should -Contain "@{ username = '' }"
            (Complete 'Invoke-CIPPRestMethod -Body  -Endpoint AddUser' ).Count | Should -BeGreaterOrEqual 0
        }

        It 'leaves out the tenant key Invoke-CIPPForEachTenant fills in' {
            $texts = (Complete 'Invoke-CIPPForEachTenant -Endpoint /api/ListUsers -Params ').CompletionText
            $texts | Should -Not -Contain "@{ tenantFilter = '' }"
            ($texts -join ' ') | Should -Not -Match 'tenantFilter'
            $texts | Should -Contain "@{ UserID = '' }"
            $body = (Complete 'Invoke-CIPPForEachTenant -Endpoint /api/AddUser -TenantIn Body -Body ').CompletionText
            ($body -join ' ') | Should -Not -Match 'tenantFilter'
        }

        It 'offers no snippet for an unknown or missing endpoint' {
            @(Complete 'Invoke-CIPPRestMethod -Endpoint /api/NoSuchThing -Params ' | Where-Object CompletionText -Like '@{*').Count | Should -Be 0
            @(Complete 'Invoke-CIPPRestMethod -Params ' | Where-Object CompletionText -Like '@{*').Count | Should -Be 0
        }
    }

    Context 'tenant names' {
        It 'calls nothing and writes no error before Set-CIPPAPIDetails' {
            # No details in this process (another suite in the same pwsh may have set them).
            [System.AppDomain]::CurrentDomain.SetData('CIPPAPIModule.SharedClient', $null)
            Clear-CippMockRequest -Mock $script:Mock
            $errors = $Error.Count
            $m = Complete 'Get-CIPPUsers -CustomerTenantID '
            @($m | Where-Object CompletionText -Like '*onmicrosoft.com').Count | Should -Be 0
            @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0
            $Error.Count | Should -Be $errors
        }

        It 'completes tenants from ListTenants once details are set, and caches them' {
            Connect-Mock
            Clear-CippMockRequest -Mock $script:Mock
            $m = Complete 'Get-CIPPUsers -CustomerTenantID '
            $m.Count | Should -Be 5
            foreach ($r in $m) { $r.CompletionText | Should -BeLike '*.onmicrosoft.com' }
            $first = $m[0].CompletionText
            $m2 = Complete "Get-CIPPUsers -CustomerTenantID $($first.Substring(0, 4))"
            $m2.CompletionText | Should -Contain $first
            $m2.Count | Should -BeLessThan 5
            Get-ListTenantsCount | Should -Be 1
        }

        It 'matches on the display name and keeps the user''s quote' {
            $tenants = @(Get-CIPPTenants)
            $t = $tenants[0]
            $word = $t.displayName.Substring(0, 3)
            (Complete "Get-CIPPUsers -CustomerTenantID '$word").CompletionText | Should -Contain "'$($t.defaultDomainName)'"
        }

        It 'completes -TenantFilter of Invoke-CIPPForEachTenant (also after a comma), Get-CIPPBackup and aliases' {
            $domains = @(Get-CIPPTenants).defaultDomainName
            @(Complete 'Invoke-CIPPForEachTenant -Endpoint /api/ListUsers -TenantFilter ').CompletionText | Should -Be @($domains)
            @(Complete "Invoke-CIPPForEachTenant -Endpoint /api/ListUsers -TenantFilter $($domains[0]), ").Count | Should -Be 5
            @(Complete 'Get-CIPPBackup -TenantFilter ').Count | Should -Be 5
            @(Complete 'Set-CIPPResetPassword -CustomerTenantID ').Count | Should -Be 5
            @(Complete 'Add-CIPPExchConnector -CustomerTenantDefaultDomain ').Count | Should -Be 5
            @(Complete 'Remove-CIPPStandard -CustomerDefaultDomain ').Count | Should -Be 5
            @(Complete 'Get-CIPPServiceHealth -DefaultDomainName ').Count | Should -Be 5
            @(Complete 'Set-CIPPExtensionMappingHaloPSA -TenantID ').CompletionText | Should -Be @($domains)
        }

        It 'fetches again after the cache expires and for new details' {
            Clear-CippMockRequest -Mock $script:Mock
            $null = Complete 'Get-CIPPUsers -CustomerTenantID '
            Get-ListTenantsCount | Should -Be 0
            & $script:Module { $script:CIPPTenantCompletion.Expires = [datetime]::UtcNow.AddSeconds(-1) }
            # An expired list is still offered at once; the refresh runs in the background.
            @(Complete 'Get-CIPPUsers -CustomerTenantID ').Count | Should -Be 5
            $deadline = [datetime]::UtcNow.AddSeconds(5)
            while ((Get-ListTenantsCount) -lt 1 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Get-ListTenantsCount | Should -Be 1
            Connect-Mock
            $null = Complete 'Get-CIPPUsers -CustomerTenantID '
            Get-ListTenantsCount | Should -Be 2
        }

        It 'returns nothing and writes no error when ListTenants fails' {
            & $script:Module { $script:CIPPTenantCompletion = $null }
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListTenants'; kind = 'status'; status = 500; body = 'boom'; times = 0 }
            try {
                $errors = $Error.Count
                $m = Complete 'Get-CIPPUsers -CustomerTenantID '
                @($m | Where-Object CompletionText -Like '*onmicrosoft.com').Count | Should -Be 0
                $Error.Count | Should -Be $errors
            } finally {
                $null = Invoke-RestMethod -Uri "$($script:Mock.http)/_mock/faults" -Method Delete -NoProxy
                & $script:Module { $script:CIPPTenantCompletion = $null }
            }
        }
    }

    Context 'tenant names when the server is slow or away' {
        BeforeEach {
            & $script:Module { $script:CIPPTenantCompletion = $null }
        }
        AfterEach {
            $null = Invoke-RestMethod -Uri "$($script:Mock.http)/_mock/faults" -Method Delete -NoProxy
            & $script:Module { $script:CIPPTenantCompletion = $null }
            Connect-Mock
        }

        It 'answers within the time bound while ListTenants takes 3 s, with a message entry and no file names, then completes from the background fetch' {
            Connect-Mock
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListTenants'; kind = 'delay'; ms = 3000; times = 1 }
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $m = Complete 'Get-CIPPUsers -CustomerTenantID '
            $watch.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2.5
            $m.Count | Should -Be 1
            $m[0].ListItemText | Should -Match 'loading'
            @($m | Where-Object { $_.ResultType -in 'ProviderItem', 'ProviderContainer' }).Count | Should -Be 0
            # A second TAB while the fetch still runs is as quick; once it is done, the names come from the cache.
            $watch.Restart()
            $null = Complete 'Get-CIPPUsers -CustomerTenantID '
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2.5
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            do { Start-Sleep -Milliseconds 100; $m = Complete 'Get-CIPPUsers -CustomerTenantID ' } while ($m.Count -ne 5 -and [datetime]::UtcNow -lt $deadline)
            @($m.CompletionText | Where-Object { $_ -like '*.onmicrosoft.com' }).Count | Should -Be 5
        }

        It 'answers within the time bound against a closed port, without file names' {
            $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $l.Start(); $port = $l.LocalEndpoint.Port; $l.Stop()
            Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret `
                -CIPPAPIUrl "http://127.0.0.1:$port" -TenantID $script:Mock.tenant_id
            foreach ($line in 'Get-CIPPUsers -CustomerTenantID ', 'Get-CIPPUsers -CustomerTenantID con') {
                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $m = Complete $line
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 2.5
                $m.Count | Should -Be 1
                @($m | Where-Object { $_.ResultType -in 'ProviderItem', 'ProviderContainer' }).Count | Should -Be 0
                $m[0].ListItemText | Should -Match '^\('
            }
            # Accepting the message entry leaves the typed word unchanged.
            $m[0].CompletionText | Should -Be 'con'
        }

        It 'offers a message entry, not file names, when no tenant matches' {
            Connect-Mock
            $m = Complete 'Get-CIPPUsers -CustomerTenantID zzzz-no-such'
            $m.Count | Should -Be 1
            $m[0].ListItemText | Should -Match 'no tenant matches'
            $m[0].CompletionText | Should -Be 'zzzz-no-such'
        }
    }
}
