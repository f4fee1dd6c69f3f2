package io.sparktune.model;

import io.sparktune.input.SpecName;

/**
 * Where a conv block pools: {@code conv_bn_act_pool} after all its convolutions (VGG's way, the reference
 * CNN's), or {@code conv_pool_bn_act} straight after its first convolution, before that convolution's batch
 * norm and activation (airbench's way), so the block's later convolutions, norms and activations run on a map a
 * quarter the size.
 */
public enum BlockOrder implements SpecName {
    CONV_BN_ACT_POOL, CONV_POOL_BN_ACT
}
