// Where the PowerShell module's loader finds the cippapi native library: CIPPAPI_NATIVE_PATH, else
// <module>/runtimes/<rid>/native/<file>, else (a source checkout: the module folder is <repo>/powershell/CIPPAPIModule
// beside <repo>/Cargo.toml) the newest of Cargo's release and debug builds. In C# because the same rules as PowerShell functions cost the import
// 40-70 ms (the session's first function calls; BENCHMARKS.md "Import"); the loader's functions
// (Get-CIPPNativeRid, Test-CIPPMusl, Get-CIPPNativeLibraryName, Get-CIPPNativeLibraryPath) are thin wrappers
// over this class so that tests can give any OS and architecture. The module's own C# (compiled with the binding
// into CippApi.dll), not the NuGet binding's: a .NET program finds runtimes/<rid>/native/ through .NET's probing.
using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace CippApi
{
    /// <summary>The native library's runtime identifier, file name and path in a module folder.</summary>
    public static class CippNativeResolve
    {
        /// <summary>Environment variable naming the native library file; it wins over runtimes/.</summary>
        public const string PathVariable = "CIPPAPI_NATIVE_PATH";

        /// <summary>The running OS as the loader names it: Windows, MacOS or Linux.</summary>
        public static string Platform()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return "Windows";
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return "MacOS";
            return "Linux";
        }

        /// <summary>
        /// The runtimes/ folder name, e.g. linux-x64, linux-musl-arm64, win-x64, osx-arm64. <paramref name="musl"/>
        /// matters on Linux only; null detects it (<see cref="IsMusl"/>).
        /// </summary>
        public static string RuntimeIdentifier(string os, Architecture architecture, bool? musl)
        {
            string arch;
            switch (architecture)
            {
                case Architecture.X64: arch = "x64"; break;
                case Architecture.X86: arch = "x86"; break;
                case Architecture.Arm64: arch = "arm64"; break;
                case Architecture.Arm: arch = "arm"; break;
                default: arch = architecture.ToString().ToLowerInvariant(); break;
            }
            switch (CheckOS(os))
            {
                case "Windows": return "win-" + arch;
                case "MacOS": return "osx-" + arch;
                default: return (musl ?? IsMusl()) ? "linux-musl-" + arch : "linux-" + arch;
            }
        }

        /// <summary>The native library's file name on an OS.</summary>
        public static string LibraryName(string os)
        {
            switch (CheckOS(os))
            {
                case "Windows": return "cippapi.dll";
                case "MacOS": return "libcippapi.dylib";
                default: return "libcippapi.so";
            }
        }

        /// <summary>
        /// Whether this Linux process runs on musl (Alpine), which needs its own build. Cheap checks first; `ldd
        /// --version` (a process start) only when the file system gives no answer.
        /// </summary>
        public static bool IsMusl()
        {
            string rid = RuntimeInformation.RuntimeIdentifier;
            if (Contains(rid, "musl") || Contains(rid, "alpine")) return true;
            // The C library this process actually runs on: a glibc machine may have musl installed beside it
            // (musl-tools), so the presence of /lib/ld-musl-* alone proves nothing.
            try
            {
                string maps = File.ReadAllText("/proc/self/maps");
                if (maps.Contains("/ld-musl-")) return true;
                if (maps.Contains("/libc.so.6") || maps.Contains("/ld-linux")) return false;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                // No /proc (or not readable): guess from /lib below.
            }
            foreach (string dir in new[] { "/lib64", "/lib", "/usr/lib64", "/usr/lib" })
            {
                if (Directory.Exists(dir) && Directory.GetFiles(dir, "ld-linux*", SearchOption.TopDirectoryOnly).Length > 0) return false;
            }
            if (Directory.Exists("/lib") && Directory.GetFiles("/lib", "ld-musl-*").Length > 0) return true;
            try
            {
                var psi = new ProcessStartInfo("ldd", "--version")
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using (Process p = Process.Start(psi))
                {
                    var err = p.StandardError.ReadToEndAsync();
                    string text = p.StandardOutput.ReadToEnd() + err.Result;
                    p.WaitForExit();
                    return Contains(text, "musl");
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false; // no ldd on PATH
            }
        }

        /// <summary>Cargo's variable for its output folder; a source checkout's builds are looked for there.</summary>
        public const string CargoTargetVariable = "CARGO_TARGET_DIR";

        /// <summary>The native library for this process: <see cref="PathVariable"/>, else runtimes/ of
        /// <paramref name="moduleRoot"/>, else a source checkout's build.</summary>
        public static string LibraryPath(string moduleRoot)
        {
            return LibraryPath(moduleRoot, Platform(), RuntimeInformation.ProcessArchitecture, null,
                Environment.GetEnvironmentVariable(PathVariable), Environment.GetEnvironmentVariable(CargoTargetVariable));
        }

        /// <summary>
        /// The native library file: <paramref name="overridePath"/> when set (it must exist), else
        /// <paramref name="moduleRoot"/>/runtimes/&lt;rid&gt;/native/&lt;file&gt; for the OS and architecture given, else,
        /// when the module folder is a source checkout's (see <see cref="SourceCheckout"/>), the most recently built of
        /// &lt;target&gt;/release/&lt;file&gt; and &lt;target&gt;/debug/&lt;file&gt; (&lt;target&gt;:
        /// <paramref name="cargoTargetDir"/>, relative to the checkout, or its target/ folder). Throws
        /// <see cref="FileNotFoundException"/> naming the path, the runtime identifier and the fix.
        /// </summary>
        public static string LibraryPath(string moduleRoot, string os, Architecture architecture, bool? musl, string overridePath, string cargoTargetDir)
        {
            if (!string.IsNullOrWhiteSpace(overridePath))
            {
                string full = Path.GetFullPath(overridePath);
                if (!File.Exists(full))
                {
                    throw new FileNotFoundException(
                        "CIPPAPIModule: " + PathVariable + " names '" + full + "', which does not exist. Point it at the cippapi " +
                        "native library file (cippapi.dll, libcippapi.so or libcippapi.dylib) or remove the variable.", full);
                }
                return full;
            }
            string rid = RuntimeIdentifier(os, architecture, musl);
            string file = LibraryName(os);
            string path = Path.Combine(moduleRoot, "runtimes", rid, "native", file);
            if (File.Exists(path)) return path;

            string checkout = SourceCheckout(moduleRoot);
            if (checkout == null)
            {
                throw new FileNotFoundException(
                    "CIPPAPIModule: the native library for this platform (runtime identifier '" + rid + "') was not found at '" +
                    path + "'. This package has no build for '" + rid + "'; install a package that includes it, or set " +
                    PathVariable + " to a cippapi library file built for this platform.", path);
            }
            string target = string.IsNullOrWhiteSpace(cargoTargetDir)
                ? Path.Combine(checkout, "target")
                : Path.GetFullPath(Path.Combine(checkout, cargoTargetDir));
            string release = Path.Combine(target, "release", file);
            string debug = Path.Combine(target, "debug", file);
            bool hasRelease = File.Exists(release), hasDebug = File.Exists(debug);
            // Both built: the newer, i.e. what the last `cargo build` produced (its ABI is checked at load either way).
            if (hasRelease && hasDebug) return File.GetLastWriteTimeUtc(debug) > File.GetLastWriteTimeUtc(release) ? debug : release;
            if (hasRelease) return release;
            if (hasDebug) return debug;
            throw new FileNotFoundException(
                "CIPPAPIModule: the native library is not built yet: this module folder is part of the source checkout '" +
                checkout + "', and neither '" + path + "' nor '" + release + "' nor '" + debug + "' exists. Build it with " +
                "`cargo build --release` in '" + checkout + "' (scripts/demo.sh does that too), or set " + PathVariable +
                " to a cippapi library file built for this platform.", release);
        }

        /// <summary>
        /// The source checkout a module folder belongs to: its grandparent when that holds Cargo.toml and the folder is
        /// powershell/CIPPAPIModule in it; else null (an installed package).
        /// </summary>
        public static string SourceCheckout(string moduleRoot)
        {
            if (string.IsNullOrEmpty(moduleRoot)) return null;
            DirectoryInfo module = new DirectoryInfo(Path.GetFullPath(moduleRoot));
            DirectoryInfo powershell = module.Parent;
            DirectoryInfo checkout = powershell?.Parent;
            if (checkout == null || !string.Equals(powershell.Name, "powershell", StringComparison.Ordinal)) return null;
            return File.Exists(Path.Combine(checkout.FullName, "Cargo.toml")) ? checkout.FullName : null;
        }

        private static string CheckOS(string os)
        {
            foreach (string known in new[] { "Windows", "MacOS", "Linux" })
            {
                if (string.Equals(os, known, StringComparison.OrdinalIgnoreCase)) return known;
            }
            throw new ArgumentException("Unknown OS '" + os + "'; expected Windows, MacOS or Linux.", nameof(os));
        }

        private static bool Contains(string text, string word)
        {
            return text != null && text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
