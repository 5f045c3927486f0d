#Requires -Version 7.0
# Pester 5 tests of packaging and versioning (issue 6): scripts/package.ps1 assembles a self-contained module
# folder that imports from any path with its own runtimes/ and precompiled binding, one version number flows
# from Cargo.toml into the header, the runtime and the manifest, and PSResourceGet publishes, finds and saves it
# from a local folder repository. Imports run in fresh pwsh processes.

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $script:Root = Get-CippRepoRoot
    $script:Work = [System.IO.Path]::Combine($script:Root, 'target', "package-test-$([guid]::NewGuid().ToString('N').Substring(0, 8))")
    $cargo = Get-Content -Raw ([System.IO.Path]::Combine($script:Root, 'Cargo.toml'))
    $null = $cargo -match '(?ms)^\[package\].*?^version\s*=\s*"([^"]+)"'
    $script:Version = $Matches[1]
    # package.ps1 runs `cargo build --release` (quick when up to date): a stale target/release library would be
    # packaged with an older ABI shape than the binding compiled from today's sources.
    $pwsh = @(Get-CippPwshCommand)
    $out = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File ([System.IO.Path]::Combine($script:Root, 'scripts', 'package.ps1')) -OutputRoot $script:Work 2>&1
    if ($LASTEXITCODE) { throw "scripts/package.ps1 failed: $($out -join "`n")" }
    $script:Package = [System.IO.Path]::Combine($script:Work, 'CIPPAPIModule', $script:Version)
    $script:Mock = Start-CippMock

    # Imports the module from $Path in a fresh pwsh with no development overrides, reads today's logs from the
    # mock, and reports what it loaded.
    function script:Test-ImportFrom([string]$Path) {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$Path'
Set-CIPPAPIDetails -CIPPClientID '$($script:Mock.client_id)' -CIPPClientSecret '$($script:Mock.client_secret)' -CIPPAPIUrl '$($script:Mock.https)' -TenantID '$($script:Mock.tenant_id)'
`$logs = @(Get-CIPPLogs)
`$m = Get-Module CIPPAPIModule
[pscustomobject]@{ Rows = `$logs.Count; Native = [CippApi.CippNative]::LoadedFrom; Binding = [CippApi.CippClient].Assembly.Location; NativeVersion = [CippApi.CippNative]::Version; ModuleVersion = `$m.Version.ToString(); Functions = `$m.ExportedFunctions.Count } | ConvertTo-Json -Compress
"@
        $env = @{
            CIPPAPI_NATIVE_PATH = $null; CIPPAPI_CACHE_DIR = $null
            CIPPAPI_AUTHORITY_HOST = $script:Mock.https; CIPPAPI_CA_FILE = $script:Mock.ca_file
        }
        $r = Invoke-CippChildPwsh -Script $script -Environment $env
        if ($r.ExitCode -ne 0) { throw "import from $Path failed: $($r.Output)" }
        ($r.StdOut -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
    }
}

AfterAll {
    if ($script:Mock) { $script:Mock | Stop-CippMock }
    if ($script:Repo) { Unregister-PSResourceRepository -Name $script:Repo -ErrorAction Ignore }
    if ($script:Work) { Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction Ignore }
}

Describe 'The assembled module folder' {
    It 'has the manifest, scripts, licences, the binding (source and precompiled) and this platform''s runtime' {
        foreach ($item in 'CIPPAPIModule.psd1', 'CIPPAPIModule.psm1', 'LICENSE-MIT',
            'LICENSE-APACHE', 'CHANGELOG.md', 'lib/CippApi.cs', 'lib/CippApi.Native.cs', 'src/CippJson.cs', 'src/CippNativeResolve.cs', 'bin/CippApi.dll', 'bin/CippApi.dll.netmajor',
            'runtimes/linux-x64/native/libcippapi.so') {
            [System.IO.Path]::Combine($script:Package, $item) | Should -Exist
        }
        [int](Get-Content -Raw ([System.IO.Path]::Combine($script:Package, 'bin/CippApi.dll.netmajor'))) | Should -Be ([Environment]::Version.Major)
    }

    It 'holds every function in its one .psm1 (the loader''s dot-sourced files inlined, in their order)' {
        foreach ($folder in 'Public', 'Private', 'Generated') { [System.IO.Path]::Combine($script:Package, $folder) | Should -Not -Exist }
        $text = Get-Content -Raw ([System.IO.Path]::Combine($script:Package, 'CIPPAPIModule.psm1'))
        $text | Should -Not -Match '(?m)^\s*\.\s+\$(file|generated)\b'
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$null, [ref]$null)
        $packaged = @($ast.FindAll({ $args[0] -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false).Name)
        $module = [System.IO.Path]::Combine($script:Root, 'powershell', 'CIPPAPIModule')
        $sourceFunctions = foreach ($file in Get-ChildItem -Recurse -Path $module -Filter '*.ps1') {
            $fileAst = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$null, [ref]$null)
            $fileAst.FindAll({ $args[0] -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false).Name
        }
        $psm1 = [System.Management.Automation.Language.Parser]::ParseFile([System.IO.Path]::Combine($module, 'CIPPAPIModule.psm1'), [ref]$null, [ref]$null)
        $expected = @($psm1.FindAll({ $args[0] -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false).Name) + @($sourceFunctions)
        @($packaged | Sort-Object) | Should -Be @($expected | Sort-Object)
    }

    It 'passes Test-ModuleManifest with the Cargo version' {
        $m = Test-ModuleManifest -Path ([System.IO.Path]::Combine($script:Package, 'CIPPAPIModule.psd1'))
        $m.Version.ToString() | Should -Be $script:Version
        $m.ExportedFunctions.Count | Should -BeGreaterOrEqual 289
        # What a gallery shows: no placeholder link, and no licence link naming one of the two licences only.
        $m.ProjectUri | Should -BeNullOrEmpty
        $m.LicenseUri | Should -BeNullOrEmpty
        [System.IO.File]::ReadAllText([System.IO.Path]::Combine($script:Package, 'CIPPAPIModule.psd1')) | Should -Not -Match 'example\.invalid'
    }

    It 'exports exactly the manifest''s functions and aliases and no variable, silently' {
        $psd1 = [System.IO.Path]::Combine($script:Package, 'CIPPAPIModule.psd1')
        $manifest = Import-PowerShellDataFile -LiteralPath $psd1
        $run = Invoke-CippChildPwsh -Environment @{ CIPPAPI_NATIVE_PATH = $null; CIPPAPI_CACHE_DIR = [System.IO.Path]::Combine($script:Work, 'unused-cache') } -Script @"
`$m = Import-Module '$psd1' -PassThru -ErrorAction Stop
@{ F = @(`$m.ExportedFunctions.Keys); A = @(`$m.ExportedAliases.Keys); V = @(`$m.ExportedVariables.Keys); C = @(`$m.ExportedCmdlets.Keys) } | ConvertTo-Json -Compress
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $lines = @($run.StdOut -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 1 -Because "the import prints nothing (bin/CippApi.dll: no compile): $($run.Output)"
        $e = $lines[0] | ConvertFrom-Json
        @($e.F | Sort-Object) | Should -Be @($manifest.FunctionsToExport | Sort-Object)
        @($e.A | Sort-Object) | Should -Be @($manifest.AliasesToExport | Sort-Object)
        @($e.V).Count | Should -Be 0
        @($e.C).Count | Should -Be 0
        [System.IO.Path]::Combine($script:Work, 'unused-cache') | Should -Not -Exist
    }

    It 'imports from any path with its own native library and precompiled binding, and works' {
        $r = Test-ImportFrom ([System.IO.Path]::Combine($script:Package, 'CIPPAPIModule.psd1'))
        $r.Rows | Should -BeGreaterThan 0
        $r.Native | Should -BeLike "$($script:Package)*runtimes*linux-x64*native*libcippapi.so"
        $r.Binding | Should -Be ([System.IO.Path]::Combine($script:Package, 'bin', 'CippApi.dll'))
    }
}

Describe 'One version number' {
    It 'Cargo.toml, the header macros, the runtime and the manifest agree' {
        $header = Get-Content -Raw ([System.IO.Path]::Combine($script:Root, 'include', 'cippapi.h'))
        $parts = foreach ($n in 'MAJOR', 'MINOR', 'PATCH') {
            if ($header -notmatch "#define CIPP_VERSION_$n (\d+)") { throw "no CIPP_VERSION_$n in the header" }
            $Matches[1]
        }
        ($parts -join '.') | Should -Be $script:Version
        $source = Import-PowerShellDataFile ([System.IO.Path]::Combine($script:Root, 'powershell', 'CIPPAPIModule', 'CIPPAPIModule.psd1'))
        $source.ModuleVersion | Should -Be $script:Version
        $r = Test-ImportFrom ([System.IO.Path]::Combine($script:Package, 'CIPPAPIModule.psd1'))
        $r.NativeVersion | Should -Be $script:Version
        $r.ModuleVersion | Should -Be $script:Version
    }
}

Describe 'A drop-in by version (issue 15 item 2)' {
    It 'is versioned above every community release' {
        [version]$script:Version | Should -BeGreaterThan ([version]'1.3.0')
    }

    It 'satisfies #Requires and -MinimumVersion 1.2.12 and wins over an installed 1.2.12' {
        # A module path holding the package and a stand-in community 1.2.12 (same name, manifest only).
        $modules = [System.IO.Path]::Combine($script:Work, 'modulepath')
        $ours = [System.IO.Path]::Combine($modules, 'CIPPAPIModule', $script:Version)
        $null = [System.IO.Directory]::CreateDirectory((Split-Path -Parent $ours))
        Copy-Item -LiteralPath $script:Package -Destination $ours -Recurse -Force
        $old = [System.IO.Path]::Combine($modules, 'CIPPAPIModule', '1.2.12')
        $null = [System.IO.Directory]::CreateDirectory($old)
        Set-Content -LiteralPath ([System.IO.Path]::Combine($old, 'CIPPAPIModule.psm1')) -Value 'function Get-CIPPLogs { "community" }'
        New-ModuleManifest -Path ([System.IO.Path]::Combine($old, 'CIPPAPIModule.psd1')) -RootModule 'CIPPAPIModule.psm1' `
            -ModuleVersion '1.2.12' -Guid '7a30dce3-8696-410b-84cc-4f3ca97b4202' -FunctionsToExport 'Get-CIPPLogs'
        $requires = [System.IO.Path]::Combine($script:Work, 'requires.ps1')
        Set-Content -LiteralPath $requires -Value @"
#Requires -Modules @{ ModuleName = 'CIPPAPIModule'; ModuleVersion = '1.2.12' }
'requires:' + (Get-Module CIPPAPIModule).Version
"@
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module CIPPAPIModule -MinimumVersion 1.2.12
'minimum:' + (Get-Module CIPPAPIModule).Version
Remove-Module CIPPAPIModule
Import-Module CIPPAPIModule
'plain:' + (Get-Module CIPPAPIModule).Version
Remove-Module CIPPAPIModule
& '$requires'
"@
        $env = @{ CIPPAPI_NATIVE_PATH = $null; CIPPAPI_CACHE_DIR = $null; PSModulePath = $modules }
        $r = Invoke-CippChildPwsh -Script $script -Environment $env
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.StdOut | Should -Match "minimum:$([regex]::Escape($script:Version))"
        $r.StdOut | Should -Match "plain:$([regex]::Escape($script:Version))"
        $r.StdOut | Should -Match "requires:$([regex]::Escape($script:Version))"
    }
}

Describe 'Publishing with PSResourceGet to a local folder repository' {
    BeforeAll {
        $script:Repo = "cippapi-test-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $script:RepoDir = [System.IO.Path]::Combine($script:Work, 'repo')
        $null = [System.IO.Directory]::CreateDirectory($script:RepoDir)
        Register-PSResourceRepository -Name $script:Repo -Uri $script:RepoDir -Trusted
    }

    It 'publishes, finds, saves and imports the saved copy' {
        Publish-PSResource -Path $script:Package -Repository $script:Repo
        $found = Find-PSResource -Name CIPPAPIModule -Repository $script:Repo
        $found.Version.ToString() | Should -Be $script:Version
        $saveDir = [System.IO.Path]::Combine($script:Work, 'saved')
        $null = [System.IO.Directory]::CreateDirectory($saveDir)
        Save-PSResource -Name CIPPAPIModule -Repository $script:Repo -Path $saveDir -TrustRepository
        $saved = [System.IO.Path]::Combine($saveDir, 'CIPPAPIModule', $script:Version, 'CIPPAPIModule.psd1')
        $saved | Should -Exist
        (Test-ImportFrom $saved).Rows | Should -BeGreaterThan 0
    }
}
