// Placeholder until the editor layer lands: activation must succeed.
export function activate(): void {}
export function deactivate(): void {}
