// The root tsconfig maps the module name `vscode` here: code checked by it (engine, CLI, trainer,
// host logic, unit tests) runs outside VS Code and must not use its API. Any import from
// 'vscode' there fails to type-check, e.g. "Module has no exported member 'window'".
export {};
