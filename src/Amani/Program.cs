using Amani.Platform.Cli;

return await AmaniCli.Build().Parse(args).InvokeAsync();
