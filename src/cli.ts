console.log('batch-ops: not yet');
