import { TokenAction } from '../components/TokenAction';

export default function Confirm(props: { params: { token: string } }) {
  return (
    <TokenAction
      token={props.params.token}
      endpoint="/auth/confirm"
      keys={{
        title: 'auth.confirm.title',
        working: 'auth.confirm.working',
        done: 'auth.confirm.done',
        invalid: 'auth.confirm.invalid',
      }}
    />
  );
}
