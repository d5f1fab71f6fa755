"""Backport the PyTorch 2.x lr_scheduler behaviours that lrkit follows onto
Debian's PyTorch 1.13.1, so that gen_torch_fixtures.py can drive the real 1.13
classes but produce 2.x results.

Each patch wraps 1.13's own code where possible; the arithmetic of every
schedule is 1.13's.  `apply()` installs the patches, `revert()` restores plain
1.13 (used by `gen_torch_fixtures.py --compare-113` to count affected cases).
"""
import math
from bisect import bisect_right

import torch.optim.lr_scheduler as L
from torch.optim import Optimizer
from torch.optim.swa_utils import SWALR  # noqa: F401  (imported so it is patched consistently)

_ORIG = {}
_APPLIED = False


def _save(cls, name):
    _ORIG[(cls, name)] = cls.__dict__.get(name, None)


def _set(cls, name, fn):
    if (cls, name) not in _ORIG:
        _save(cls, name)
    setattr(cls, name, fn)


def _group_lrs(self):
    return [group['lr'] for group in self.optimizer.param_groups]


# ---------------------------------------------------------------------------
# 1. `_is_initial`: 2.x sets it True only while the constructor's initial step runs.
# ---------------------------------------------------------------------------
def _initial_step(self):
    # 2.x: _initial_step runs step() with self._is_initial = True (False afterwards)
    self.optimizer._step_count = 0
    self._step_count = 0
    self._is_initial = True
    try:
        self.step()
    finally:
        self._is_initial = False


def _exponential_get_lr(self):
    # 2.x ExponentialLR: `if _is_initial` keep lrs, else lr*gamma (1.13 tested last_epoch == 0)
    if self._is_initial:
        return _group_lrs(self)
    if self.last_epoch == 0:  # 1.13's own get_lr would keep lrs here
        return [group['lr'] * self.gamma for group in self.optimizer.param_groups]
    return _ORIG[(L.ExponentialLR, 'get_lr')](self)


def _cosine_get_lr(self):
    # 2.x CosineAnnealingLR: `if _is_initial` keep lrs (1.13 tested last_epoch == 0), then 1.13 branches
    if self._is_initial:
        return _group_lrs(self)
    if self.last_epoch != 0:
        return _ORIG[(L.CosineAnnealingLR, 'get_lr')](self)
    # last_epoch == 0 outside the initial step: 1.13's remaining branches
    if (self.last_epoch - 1 - self.T_max) % (2 * self.T_max) == 0:
        return [group['lr'] + (base_lr - self.eta_min) *
                (1 - math.cos(math.pi / self.T_max)) / 2
                for base_lr, group in
                zip(self.base_lrs, self.optimizer.param_groups)]
    return [(1 + math.cos(math.pi * self.last_epoch / self.T_max)) /
            (1 + math.cos(math.pi * (self.last_epoch - 1) / self.T_max)) *
            (group['lr'] - self.eta_min) + self.eta_min
            for group in self.optimizer.param_groups]


def _multiplicative_get_lr(self):
    # 2.x MultiplicativeLR: multiply unless _is_initial (1.13 tested last_epoch > 0)
    if self._is_initial:
        return _group_lrs(self)
    return [group['lr'] * lmbda(self.last_epoch)
            for lmbda, group in zip(self.lr_lambdas, self.optimizer.param_groups)]


def _linear_get_lr(self):
    # 2.x LinearLR: last_epoch==0 -> *start_factor; `_is_initial or last_epoch > total_iters` keep lrs
    if self.last_epoch == 0:
        return [group['lr'] * self.start_factor for group in self.optimizer.param_groups]
    if self._is_initial:
        return _group_lrs(self)
    return _ORIG[(L.LinearLR, 'get_lr')](self)


def _polynomial_get_lr(self):
    # 2.x PolynomialLR: `_is_initial or last_epoch > total_iters` keep lrs (1.13 tested last_epoch == 0)
    if self._is_initial or self.last_epoch > self.total_iters:
        return _group_lrs(self)
    if self.last_epoch != 0:
        return _ORIG[(L.PolynomialLR, 'get_lr')](self)
    decay_factor = ((1.0 - self.last_epoch / self.total_iters) /
                    (1.0 - (self.last_epoch - 1) / self.total_iters)) ** self.power
    return [group['lr'] * decay_factor for group in self.optimizer.param_groups]


def _linear_init(self, optimizer, start_factor=1.0 / 3, end_factor=1.0, total_iters=5,
                 last_epoch=-1, verbose=False):
    # 2.x LinearLR rejects start_factor <= 0 (1.13 accepted 0)
    if start_factor > 1.0 or start_factor <= 0:
        raise ValueError('Starting multiplicative factor expected to be greater than 0 and less or equal to 1.')
    _ORIG[(L.LinearLR, '__init__')](self, optimizer, start_factor, end_factor, total_iters,
                                   last_epoch, verbose)


# ---------------------------------------------------------------------------
# 2. SequentialLR: RoP check, recursive undo, milestone switch via _update_lr(0).
# ---------------------------------------------------------------------------
def _recursive_undo(sched):
    # 2.x SequentialLR.recursive_undo: recurse into composites, else last_epoch -= 1
    if hasattr(sched, '_schedulers'):
        for s in sched._schedulers:
            _recursive_undo(s)
    elif hasattr(sched, 'last_epoch'):
        sched.last_epoch -= 1


def _update_lr_epoch0(sched):
    # 2.x LRScheduler._update_lr(0): last_epoch = 0, closed form if any, no _step_count++ / warning
    if hasattr(sched, '_schedulers') or not hasattr(sched, 'get_lr'):
        raise TypeError('{} cannot be switched to at a SequentialLR milestone'.format(type(sched).__name__))
    sched._get_lr_called_within_step = True
    try:
        sched.last_epoch = 0
        if hasattr(sched, '_get_closed_form_lr'):
            values = sched._get_closed_form_lr()
        else:
            values = sched.get_lr()
    finally:
        sched._get_lr_called_within_step = False
    for param_group, lr in zip(sched.optimizer.param_groups, values):
        param_group['lr'] = lr
    sched._last_lr = [group['lr'] for group in sched.optimizer.param_groups]


def _sequential_init(self, optimizer, schedulers, milestones, last_epoch=-1, verbose=False):
    # 2.x SequentialLR.__init__: >=1 scheduler, no ReduceLROnPlateau child, recursive undo
    if len(schedulers) < 1:
        raise ValueError('{} expects at least one scheduler, but got no scheduler.'.format(
            self.__class__.__name__))
    for scheduler_idx, scheduler in enumerate(schedulers):
        if not hasattr(scheduler, 'optimizer'):
            raise TypeError('{} at index {} should have `optimizer` as its attribute.'.format(
                self.__class__.__name__, scheduler_idx))
        if isinstance(scheduler, L.ReduceLROnPlateau):
            raise ValueError(
                '{} does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs '
                'to be specified when calling `step`, but got one at index {} in the given '
                'schedulers sequence.'.format(self.__class__.__name__, scheduler_idx))
        if optimizer != scheduler.optimizer:
            raise ValueError(
                'Sequential Schedulers expects all schedulers to belong to the same optimizer, but '
                'got scheduler at index {} to be different than the optimizer passed in.'.format(scheduler_idx))
    if len(milestones) != len(schedulers) - 1:
        raise ValueError(
            'Sequential Schedulers expects number of schedulers provided to be one more '
            'than the number of milestone points, but got number of schedulers {} and the '
            'number of milestones to be equal to {}'.format(len(schedulers), len(milestones)))
    self._schedulers = schedulers
    self._milestones = milestones
    self.last_epoch = last_epoch + 1
    self.optimizer = optimizer
    for group in self.optimizer.param_groups:
        group['lr'] = group['initial_lr']
    for scheduler in self._schedulers:
        _recursive_undo(scheduler)
    self._schedulers[0]._initial_step()
    self._last_lr = schedulers[0].get_last_lr()


def _sequential_step(self):
    # 2.x SequentialLR.step: at a milestone the child does _update_lr(0) instead of step(0)
    self.last_epoch += 1
    idx = bisect_right(self._milestones, self.last_epoch)
    scheduler = self._schedulers[idx]
    if idx > 0 and self._milestones[idx - 1] == self.last_epoch:
        _update_lr_epoch0(scheduler)
    else:
        scheduler.step()
    self._last_lr = scheduler.get_last_lr()


# ---------------------------------------------------------------------------
# 3. ChainedScheduler rejects ReduceLROnPlateau children.
# ---------------------------------------------------------------------------
def _chained_init(self, schedulers, *args, **kwargs):
    # 2.x ChainedScheduler: ReduceLROnPlateau child -> ValueError at construction
    if len(schedulers) < 1:
        raise ValueError('{} expects at least one scheduler to be chained, but got no scheduler.'.format(
            self.__class__.__name__))
    for scheduler_idx, scheduler in enumerate(schedulers):
        if isinstance(scheduler, L.ReduceLROnPlateau):
            raise ValueError(
                '{} does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs '
                'to be specified when calling `step`, but got one at index {} in the given '
                'schedulers sequence.'.format(self.__class__.__name__, scheduler_idx))
    _ORIG[(L.ChainedScheduler, '__init__')](self, schedulers)


# ---------------------------------------------------------------------------
# 4. CyclicLR: beta1 cycling for optimizers with `betas` (Adam).
# ---------------------------------------------------------------------------
def _cyclic_init(self, optimizer, base_lr, max_lr, step_size_up=2000, step_size_down=None,
                 mode='triangular', gamma=1., scale_fn=None, scale_mode='cycle',
                 cycle_momentum=True, base_momentum=0.8, max_momentum=0.9, last_epoch=-1,
                 verbose=False):
    # 2.x CyclicLR.__init__: use_beta1 = 'betas' in defaults; groups get max_momentum/base_momentum keys
    # (this is 1.13's constructor with only the momentum block replaced by 2.x's)
    if not isinstance(optimizer, Optimizer):
        raise TypeError('{} is not an Optimizer'.format(type(optimizer).__name__))
    self.optimizer = optimizer
    base_lrs = self._format_param('base_lr', optimizer, base_lr)
    if last_epoch == -1:
        for lr, group in zip(base_lrs, optimizer.param_groups):
            group['lr'] = lr
    self.max_lrs = self._format_param('max_lr', optimizer, max_lr)
    step_size_up = float(step_size_up)
    step_size_down = float(step_size_down) if step_size_down is not None else step_size_up
    self.total_size = step_size_up + step_size_down
    self.step_ratio = step_size_up / self.total_size
    if mode not in ['triangular', 'triangular2', 'exp_range'] and scale_fn is None:
        raise ValueError('mode is invalid and scale_fn is None')
    self.mode = mode
    self.gamma = gamma
    import weakref
    if scale_fn is None:
        self._scale_fn_custom = None
        if self.mode == 'triangular':
            self._scale_fn_ref = weakref.WeakMethod(self._triangular_scale_fn)
            self.scale_mode = 'cycle'
        elif self.mode == 'triangular2':
            self._scale_fn_ref = weakref.WeakMethod(self._triangular2_scale_fn)
            self.scale_mode = 'cycle'
        elif self.mode == 'exp_range':
            self._scale_fn_ref = weakref.WeakMethod(self._exp_range_scale_fn)
            self.scale_mode = 'iterations'
    else:
        self._scale_fn_custom = scale_fn
        self._scale_fn_ref = None
        self.scale_mode = scale_mode
    self.cycle_momentum = cycle_momentum
    if cycle_momentum:
        if 'momentum' not in optimizer.defaults and 'betas' not in optimizer.defaults:
            raise ValueError('optimizer must support momentum or beta1 with `cycle_momentum` option enabled')
        self.use_beta1 = 'betas' in self.optimizer.defaults
        self.base_momentums = self._format_param('base_momentum', optimizer, base_momentum)
        self.max_momentums = self._format_param('max_momentum', optimizer, max_momentum)
        if last_epoch == -1:
            for m_momentum, b_momentum, group in zip(self.max_momentums, self.base_momentums,
                                                     optimizer.param_groups):
                if self.use_beta1:
                    group['betas'] = (m_momentum, *group['betas'][1:])
                else:
                    group['momentum'] = m_momentum
                group['max_momentum'] = m_momentum
                group['base_momentum'] = b_momentum
    L._LRScheduler.__init__(self, optimizer, last_epoch, verbose)
    self.base_lrs = base_lrs


def _cyclic_get_lr(self):
    # 2.x CyclicLR.get_lr: cycled momentum goes to betas[0] when use_beta1 (1.13 code, then moved)
    lrs = _ORIG[(L.CyclicLR, 'get_lr')](self)
    if self.cycle_momentum and getattr(self, 'use_beta1', False):
        for group in self.optimizer.param_groups:
            momentum = group.pop('momentum')
            group['betas'] = (momentum, *group['betas'][1:])
    return lrs


def _cyclic_state_dict(self):
    # 2.x CyclicLR.state_dict drops the unpicklable weakref `_scale_fn_ref` and custom functions
    state = {key: value for key, value in self.__dict__.items()
             if key not in ('optimizer', '_scale_fn_ref', '_scale_fn_custom')}
    return state


def _cyclic_load_state_dict(self, state_dict):
    # 2.x CyclicLR.load_state_dict keeps the live scale function
    state = {k: v for k, v in state_dict.items() if k not in ('_scale_fn_ref', '_scale_fn_custom')}
    self.__dict__.update(state)


# ---------------------------------------------------------------------------
# 5. OneCycleLR over-stepping message.
# ---------------------------------------------------------------------------
def _onecycle_get_lr(self):
    # 2.x OneCycleLR: "Tried to step {last_epoch} times" (1.13 printed last_epoch + 1)
    if self.last_epoch > self.total_steps:
        raise ValueError('Tried to step {} times. The specified number of total steps is {}'.format(
            self.last_epoch, self.total_steps))
    return _ORIG[(L.OneCycleLR, 'get_lr')](self)


# ---------------------------------------------------------------------------
# 6. CosineAnnealingWarmRestarts restart wrap-around.
# ---------------------------------------------------------------------------
def _warm_restarts_step(self, epoch=None):
    # 2.x wraps with `T_cur % T_i` where 1.13 subtracted T_i once; they differ when resuming with
    # last_epoch >= 2 * T_0 (T_cur starts beyond two cycles). Otherwise this is 1.13's own step().
    if epoch is None and self.last_epoch >= 0 and self.T_cur + 1 >= self.T_i:
        self.T_cur = self.T_cur + 1
        self.T_cur = self.T_cur % self.T_i
        self.T_i = self.T_i * self.T_mult
        self.last_epoch = math.floor(self.last_epoch + 1)
        self._get_lr_called_within_step = True
        try:
            for param_group, lr in zip(self.optimizer.param_groups, self.get_lr()):
                param_group['lr'] = lr
        finally:
            self._get_lr_called_within_step = False
        self._last_lr = [group['lr'] for group in self.optimizer.param_groups]
        return
    return _ORIG[(L.CosineAnnealingWarmRestarts, 'step')](self, epoch)


PATCHES = [
    (L._LRScheduler, '_initial_step', _initial_step),
    (L._LRScheduler, '_is_initial', False),
    (L.ExponentialLR, 'get_lr', _exponential_get_lr),
    (L.CosineAnnealingLR, 'get_lr', _cosine_get_lr),
    (L.MultiplicativeLR, 'get_lr', _multiplicative_get_lr),
    (L.LinearLR, 'get_lr', _linear_get_lr),
    (L.LinearLR, '__init__', _linear_init),
    (L.PolynomialLR, 'get_lr', _polynomial_get_lr),
    (L.SequentialLR, '__init__', _sequential_init),
    (L.SequentialLR, 'step', _sequential_step),
    (L.ChainedScheduler, '__init__', _chained_init),
    (L.CyclicLR, '__init__', _cyclic_init),
    (L.CyclicLR, 'get_lr', _cyclic_get_lr),
    (L.CyclicLR, 'state_dict', _cyclic_state_dict),
    (L.CyclicLR, 'load_state_dict', _cyclic_load_state_dict),
    (L.OneCycleLR, 'get_lr', _onecycle_get_lr),
    (L.CosineAnnealingWarmRestarts, 'step', _warm_restarts_step),
]


def apply():
    global _APPLIED
    if _APPLIED:
        return
    for cls, name, fn in PATCHES:
        _set(cls, name, fn)
    _APPLIED = True


def revert():
    global _APPLIED
    if not _APPLIED:
        return
    for (cls, name), orig in _ORIG.items():
        if orig is None:
            if name in cls.__dict__:
                delattr(cls, name)
        else:
            setattr(cls, name, orig)
    _APPLIED = False


def revert_keep_serialisation():
    """Plain 1.13 numerics, but keep the CyclicLR state_dict patch (1.13's cannot be deep-copied)."""
    revert()
    _set(L.CyclicLR, 'state_dict', _cyclic_state_dict)
    _set(L.CyclicLR, 'load_state_dict', _cyclic_load_state_dict)
